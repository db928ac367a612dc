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
            bytes = await BodyBuffer.ReadStartAsync(response.Content, attempt.Options.UpstreamErrorBodyMaxBytes, attempt.Idle, attempt.Idle.Token);
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
        var failure = FailureClassifier.Classify(status, text, response.Content.Headers.ContentType?.MediaType, attempt.Request.Wrote);
        var (message, code, structured) = MessageAndCode(text);
        message = attempt.Scrub(message);
        var now = attempt.Time.GetUtcNow();
        var (body, contentType) = attempt.Runtime.Account.Passthrough
            ? UpstreamErrorBodies.ForClient(attempt.Request.Inbound, attempt.Upstream, status, attempt.Scrub(text))
            : (UpstreamFailureErrors.Body(attempt.Request.Inbound, status, failure, structured ? message : null, attempt.Scrub(code)), UpstreamFailureErrors.ContentType);
        return new AttemptOutcome
        {
            Failure = failure,
            Status = status,
            ErrorSummary = AttemptOutcome.Summary(status, TextCut.ToLength(message.ReplaceLineEndings(" ").Trim(), MaxSummaryLength)).Trim(),
            RetryAfter = RetryAfter.Parse(Header(response, "Retry-After"), Header(response, "retry-after-ms"), now)
                ?? (failure == FailureClass.RateLimited ? RetryAfter.FromRateLimitResets(RateLimitResets(response), now) : null),
            ErrorBody = body,
            ErrorContentType = contentType,
            UpstreamText = text,
        };
    }

    // Anthropic names when each of its limits lifts: anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset.
    // Those are rate limits' windows, read for a rate limit only: a used-up credit balance does not lift with them.
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

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The upstream's own error message and code when it has them (structured), else the start of the body; never the request.
    // Shapes: OpenAI's and Anthropic's {"error": {"message", "code"}}, vLLM's and SGLang's {"object": "error", "message"},
    // {"error": "message"}, and FastAPI's {"detail": "message"} (whose codes, when they have any, are no error codes).
    private static (string Message, string? Code, bool Structured) MessageAndCode(string body)
    {
        try
        {
            var root = JsonNode.Parse(body) as JsonObject;
            if (root?["error"] is JsonObject error && error["message"]?.ToString() is { } message)
            {
                return (message, error["code"].Str(), true);
            }

            if ((root?["error"] ?? root?["detail"] ?? (root?["object"].Str() == "error" ? root["message"] : null)).Str() is { } flat)
            {
                return (flat, null, true);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON: the body itself says what went wrong.
        }

        return (body, null, false);
    }
}
