namespace Gateway.Web.Console.Accounts;

/// <summary>
/// How an account's recent attempts went, from the usage traces: pool-mode accounts never cool down, so
/// this is where their failures show. The last failure names its status and failure class.
/// </summary>
public sealed record AccountHealth(int Attempts, int Failures, DateTime? LastFailureAt, int? LastFailureStatus, string? LastFailureClass)
{
    public static AccountHealth None { get; } = new(0, 0, null, null, null);

    /// <summary>Failed attempts in percent, null without attempts.</summary>
    public double? ErrorRatePercent => Attempts == 0 ? null : Math.Round(100.0 * Failures / Attempts, 1);
}

/// <summary>Counts attempts and failures per account from request traces. Pure.</summary>
public static class AccountHealthCalculator
{
    /// <summary>Failures that are the client's doing say nothing about the account.</summary>
    private static readonly HashSet<string> NotTheAccountsFault = new(StringComparer.Ordinal) { "none", "request_error" };

    public static IReadOnlyDictionary<long, AccountHealth> FromTraces(IEnumerable<(DateTime At, IReadOnlyList<AttemptTrace> Trace)> requests)
    {
        var health = new Dictionary<long, AccountHealth>();
        foreach (var (at, trace) in requests.OrderBy(r => r.At))
        {
            foreach (var attempt in trace)
            {
                var current = health.GetValueOrDefault(attempt.AccountId, AccountHealth.None);
                var failed = attempt.FailureClass is { } failure && !NotTheAccountsFault.Contains(failure);
                health[attempt.AccountId] = failed
                    ? new AccountHealth(current.Attempts + 1, current.Failures + 1, at, attempt.Status, attempt.FailureClass)
                    : current with { Attempts = current.Attempts + 1 };
            }
        }

        return health;
    }
}
