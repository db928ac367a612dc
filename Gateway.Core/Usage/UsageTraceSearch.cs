namespace Gateway.Core.Usage;

/// <summary>
/// Filters usage logs by what their attempts did. The attempt trace is stored as compact JSON with
/// <see cref="AttemptTrace"/>'s property names, so a text search runs in the database on SQLite and SQL
/// Server alike, where a JSON function would need one query per provider.
/// </summary>
public static class UsageTraceSearch
{
    private const string Escape = "\\";

    /// <summary>
    /// A request failed over when one of its attempts switched account and another attempt followed (as the failover metric
    /// counts): an account given up with none left to switch to is not a failover. The attempts are objects of one array,
    /// with no object inside them, so another one follows exactly when <c>},{</c> comes after the decision.
    /// </summary>
    private static readonly string FailoverPattern = Pattern($"{Json("decision")}:{Json(AttemptDecision.AccountSwitch.ToWire())}") + Pattern("},{")[1..];

    /// <summary>Requests with at least one attempt that got <paramref name="status"/> from the upstream.</summary>
    public static IQueryable<UsageLog> WhereAnyAttemptStatus(this IQueryable<UsageLog> query, int status)
    {
        // The status is followed by the attempt's next field, or ends its object.
        var followed = Pattern($"{Json("status")}:{status},");
        var last = Pattern($"{Json("status")}:{status}}}");
        return query.Where(u => EF.Functions.Like((string)(object)u.Trace, followed, Escape) || EF.Functions.Like((string)(object)u.Trace, last, Escape));
    }

    /// <summary>Requests that switched account at least once (<paramref name="failedOver"/> true), or never did.</summary>
    public static IQueryable<UsageLog> WhereFailedOver(this IQueryable<UsageLog> query, bool failedOver) =>
        failedOver
            ? query.Where(u => EF.Functions.Like((string)(object)u.Trace, FailoverPattern, Escape))
            : query.Where(u => !EF.Functions.Like((string)(object)u.Trace, FailoverPattern, Escape));

    private static string Json(string value) => JsonSerializer.Serialize(value);

    // LIKE's wildcards (and SQL Server's bracket) in the fragment match only themselves.
    private static string Pattern(string fragment) =>
        "%" + fragment
            .Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal)
            .Replace("[", Escape + "[", StringComparison.Ordinal) + "%";
}
