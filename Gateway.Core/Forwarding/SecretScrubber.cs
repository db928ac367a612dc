using System.Text.RegularExpressions;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Takes credentials out of text an upstream wrote (error messages, error bodies) before it reaches a client, a usage row
/// or a log: the account's own secret wherever it appears, and anything shaped like a key or token. Some providers echo
/// the key they were sent in their 401 messages; without this, any API-key holder of the group could read it.
/// </summary>
internal static partial class SecretScrubber
{
    public const string Redacted = "[redacted]";

    // Shorter secrets are not matched literally: a test key of a few characters would blank out ordinary words.
    private const int MinLiteralSecretLength = 8;

    public static string Scrub(string text, AccountSecret? secret)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (secret is not null)
        {
            foreach (var value in new[] { secret.ApiKey, secret.AccessToken, secret.RefreshToken })
            {
                if (value is { Length: >= MinLiteralSecretLength })
                {
                    text = text.Replace(value, Redacted, StringComparison.Ordinal);
                }
            }
        }

        try
        {
            text = BearerPattern().Replace(text, "$1" + Redacted);
            text = NamedSecretPattern().Replace(text, "$1" + Redacted);
            text = KeyPrefixPattern().Replace(text, Redacted);
            text = JwtPattern().Replace(text, Redacted);
            text = HexTokenPattern().Replace(text, Redacted);
            return Base64TokenPattern().Replace(text, Redacted);
        }
        catch (RegexMatchTimeoutException)
        {
            // Text too convoluted to check in time is not shown at all.
            return Redacted;
        }
    }

    /// <summary>
    /// JSON an upstream wrote with every string in it scrubbed, so it stays JSON whatever a pattern takes out (text that
    /// is no JSON is scrubbed as text); the same instance when there was nothing to take out.
    /// </summary>
    public static string ScrubJson(string json, AccountSecret? secret)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Scrub(json, secret);
        }

        return root is not null && ScrubStrings(root, secret) ? root.ToJsonString() : json;
    }

    /// <summary>An event an upstream wrote with every string in it scrubbed (<see cref="ScrubJson"/>); the same event when there was nothing to take out.</summary>
    public static SseEvent ScrubEvent(SseEvent sse, AccountSecret? secret)
    {
        // Decoded once: an event read from the wire holds bytes, and each read of its text decodes them again.
        var data = sse.Data;
        var scrubbed = ScrubJson(data, secret);
        return ReferenceEquals(scrubbed, data) ? sse : new SseEvent(sse.EventType, scrubbed);
    }

    // True when a string in the tree changed.
    private static bool ScrubStrings(JsonNode node, AccountSecret? secret)
    {
        var changed = false;
        var children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value).ToList(),
            JsonArray array => [.. array],
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                var text = value.GetValue<string>();
                if (Scrub(text, secret) is var scrubbed && scrubbed != text)
                {
                    child.ReplaceWith(scrubbed);
                    changed = true;
                }
            }
            else if (child is not null)
            {
                changed |= ScrubStrings(child, secret);
            }
        }

        return changed;
    }

    // "Bearer abc…", "Basic abc…" as a header value would be quoted back.
    [GeneratedRegex(@"\b((?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=\-]{6,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BearerPattern();

    // x-api-key: …, "api_key": "…", access_token=…, refresh_token=…, client_secret=…, password=…
    [GeneratedRegex(@"((?:x-api-key|x-goog-api-key|api[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|secret|password|authorization)[""']?\s*[:=]\s*[""']?)(?!(?:Bearer|Basic)\b)[^\s""',;&]{6,}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamedSecretPattern();

    // Provider key shapes: sk-…, sk-ant-…, sk-proj-…, rk-…, pk-…, gsk_…, xai-…, AIza…
    [GeneratedRegex(@"\b(?:sk|rk|pk|gsk|xai)[-_][A-Za-z0-9_\-*]{6,}|\bAIza[0-9A-Za-z_\-]{20,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KeyPrefixPattern();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[0-9A-Fa-f]{32,}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HexTokenPattern();

    // Long base64 runs mixing digits, lower and upper case: random tokens, not words or model names.
    [GeneratedRegex(@"(?<![A-Za-z0-9+/_\-])(?=[A-Za-z0-9+/_\-]*[0-9])(?=[A-Za-z0-9+/_\-]*[a-z])(?=[A-Za-z0-9+/_\-]*[A-Z])[A-Za-z0-9+/_\-]{24,}={0,2}",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Base64TokenPattern();
}
