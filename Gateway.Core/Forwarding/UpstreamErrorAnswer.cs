using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Policies;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Reads an upstream's non-2xx answer into the outcome the rules decide on: its status classified with the start of its
/// body (capped), <c>Retry-After</c>, a secret-free summary, and the body itself for the client when the decision is to stop.
/// </summary>
internal static class UpstreamErrorAnswer
{
    private const int MaxSummaryLength = 200;

    public static async Task<AttemptOutcome> ReadAsync(AttemptContext attempt, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        byte[] bytes;
        try
        {
            bytes = await ReadCappedAsync(response, attempt.Options.UpstreamErrorBodyMaxBytes, attempt.Idle);
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            if (attempt.Idle.ClientGone)
            {
                return AttemptOutcome.Broken(AttemptError.ClientCanceled, status, committed: false);
            }

            // The status alone still decides: a 429 whose body broke off is a rate limit all the same.
            bytes = [];
        }

        var text = Encoding.UTF8.GetString(bytes);
        var now = attempt.Time.GetUtcNow();
        var (clientBody, clientContentType) = UpstreamErrorBodies.ForClient(attempt.Request.Inbound, attempt.Upstream, status, bytes, response.Content.Headers.ContentType?.ToString());
        return new AttemptOutcome
        {
            Failure = FailureClassifier.Classify(status, text, response.Content.Headers.ContentType?.MediaType),
            Status = status,
            ErrorSummary = Summarise(status, text),
            RetryAfter = RetryAfter.Parse(Header(response, "Retry-After"), Header(response, "retry-after-ms"), now)
                ?? RetryAfter.FromRateLimitResets(RateLimitResets(response), now),
            ErrorBody = clientBody,
            ErrorContentType = clientContentType,
        };
    }

    // Anthropic names when each of its limits lifts: anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset.
    private static IEnumerable<RateLimitReset> RateLimitResets(HttpResponseMessage response)
    {
        const string prefix = "anthropic-ratelimit-";
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.EndsWith("-reset", StringComparison.OrdinalIgnoreCase))
            {
                var limit = name[prefix.Length..^"-reset".Length];
                yield return new RateLimitReset(values.FirstOrDefault(), Header(response, $"{prefix}{limit}-remaining"));
            }
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of the body, restarting the idle timeout before every read.</summary>
    public static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, int maxBytes, ActivityTimeout idle)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(idle.Token);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (buffer.Length < maxBytes)
            {
                idle.Restart();
                var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes - buffer.Length)), idle.Token);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The upstream's own error message when it has one, else the start of the body; never the request.
    private static string Summarise(int status, string body)
    {
        string? message;
        try
        {
            message = JsonNode.Parse(body)?["error"]?["message"]?.ToString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            message = null;
        }

        message ??= body.Length > MaxSummaryLength ? body[..MaxSummaryLength] : body;
        return AttemptOutcome.Summary(status, message.ReplaceLineEndings(" ").Trim()).Trim();
    }
}
