namespace Gateway.Core.Policies;

/// <summary>
/// The words with which providers name a failure in an error's code, type or message, one table per class (SPEC 4.6).
/// Matched case-insensitively as substrings; <see cref="FailureClassifier"/> reads them in the order of
/// <see cref="InOrder"/>, so a quota message that also says "rate limit" is still a quota.
/// </summary>
internal static class FailureSignals
{
    /// <summary>
    /// Credit or plan used up: OpenAI's <c>insufficient_quota</c> ("You exceeded your current quota"), Anthropic's "Your credit
    /// balance is too low".
    /// </summary>
    public static readonly string[] Quota = ["insufficient_quota", "exceeded your current quota", "quota exceeded", "quota_exceeded", "credit balance is too low"];

    /// <summary>Per-minute limits (<c>rate_limit_exceeded</c>, Anthropic <c>rate_limit_error</c>) and Codex plan windows.</summary>
    public static readonly string[] RateLimit = ["rate_limit", "rate limit", "ratelimit", "usage_limit_reached", "too many requests", "too_many_requests"];

    /// <summary>The provider has no capacity right now: Anthropic <c>overloaded_error</c>, OpenAI "model is at capacity", Codex <c>slow_down</c>.</summary>
    public static readonly string[] Overload = ["overloaded", "at capacity", "server_is_overloaded", "slow_down", "capacity exceeded", "no capacity"];

    /// <summary>The request itself is wrong and would fail on any account: context length, invalid request, content policy.</summary>
    public static readonly string[] RequestError =
    [
        "context_length_exceeded", "maximum context length", "context window", "invalid_request_error", "invalid_prompt",
        "content_policy", "content policy", "content_filter", "safety system", "string_above_max_length",
    ];

    /// <summary>The tables in the order they are tried; the first that matches names the class.</summary>
    public static readonly (FailureClass Class, string[] Words)[] InOrder =
    [
        (FailureClass.QuotaExceeded, Quota),
        (FailureClass.RateLimited, RateLimit),
        (FailureClass.Overloaded, Overload),
        (FailureClass.RequestError, RequestError),
    ];

    /// <param name="clientWrote">
    /// When given, a word the client's own request holds does not count: the text may only be echoing it (see
    /// <see cref="FailureClassifier.Classify"/>).
    /// </param>
    public static bool Mentions(string? text, string[] words, Func<string, bool>? clientWrote = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase) && clientWrote?.Invoke(word) != true)
            {
                return true;
            }
        }

        return false;
    }
}
