namespace Gateway.Core.Policies;

/// <summary>The gateway's own answer when no candidate account is left (SPEC 3, exhaustion).</summary>
public static class ExhaustionPolicy
{
    /// <param name="failures">The failure class of every attempt made.</param>
    /// <param name="coolingAccounts">Whether the group has accounts for this model that are cooling down or busy.</param>
    /// <param name="soonestAvailable">When the first of those becomes available again.</param>
    /// <param name="lastError">A short summary of the last upstream error, if any.</param>
    public static ExhaustionAnswer Answer(IReadOnlyCollection<FailureClass> failures, bool coolingAccounts, DateTime? soonestAvailable, DateTime now, string? lastError)
    {
        var allRateLimited = failures.All(f => f.IsRateLimit());
        if (allRateLimited && (failures.Count > 0 || coolingAccounts))
        {
            var wait = soonestAvailable is { } at && at > now ? at - now : TimeSpan.FromSeconds(1);
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return new ExhaustionAnswer(429, Math.Max(1, seconds), "rate_limit_error", "rate_limit_exceeded",
                "All upstream accounts for this model are rate-limited or cooling down; retry later.");
        }

        return failures.Count == 0
            ? new ExhaustionAnswer(503, null, "service_unavailable", "no_available_account", "No upstream account is available for this model.")
            : new ExhaustionAnswer(502, null, "upstream_error", "upstream_failed",
                lastError is null ? "Every upstream account failed." : $"Every upstream account failed; last error: {lastError}");
    }
}

/// <summary>Status, optional <c>Retry-After</c> seconds and OpenAI-style error fields of an exhaustion answer.</summary>
public sealed record ExhaustionAnswer(int Status, int? RetryAfterSeconds, string Type, string Code, string Message);
