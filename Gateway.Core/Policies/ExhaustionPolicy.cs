namespace Gateway.Core.Policies;

/// <summary>The gateway's own answer when no candidate account is left (SPEC 3, exhaustion).</summary>
public static class ExhaustionPolicy
{
    /// <param name="failures">The failure class of every attempt made.</param>
    /// <param name="group">What the group holds for the model: accounts to wait for, accounts the model is suspended on.</param>
    /// <param name="lastError">A short summary of the last upstream error, if any.</param>
    public static ExhaustionAnswer Answer(IReadOnlyCollection<FailureClass> failures, ModelAvailability group, DateTime now, string? lastError)
    {
        var allRateLimited = failures.All(f => f.IsRateLimit());
        if (allRateLimited && (failures.Count > 0 || group.Waitable))
        {
            var wait = group.SoonestAvailable is { } at && at > now ? at - now : TimeSpan.FromSeconds(1);
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            return new ExhaustionAnswer(429, Math.Max(1, seconds), "rate_limit_error", "rate_limit_exceeded",
                "All upstream accounts for this model are rate-limited or cooling down; retry later.");
        }

        if (failures.Count > 0)
        {
            return new ExhaustionAnswer(502, null, "upstream_error", "upstream_failed",
                lastError is null ? "Every upstream account failed." : $"Every upstream account failed; last error: {lastError}");
        }

        // Not a rate limit: a model every account said it does not serve is not worth retrying in a few seconds.
        return new ExhaustionAnswer(503, null, "service_unavailable", "no_available_account", group.Suspended
            ? "No upstream account is available for this model: the accounts that serve it reported it unsupported."
            : "No upstream account is available for this model.");
    }
}

/// <summary>Status, optional <c>Retry-After</c> seconds and OpenAI-style error fields of an exhaustion answer.</summary>
public sealed record ExhaustionAnswer(int Status, int? RetryAfterSeconds, string Type, string Code, string Message);
