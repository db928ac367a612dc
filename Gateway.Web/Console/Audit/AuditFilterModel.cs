namespace Gateway.Web.Console.Audit;

/// <summary>The audit page's filter form, as typed; <see cref="ToFilter"/> is what Apply sends to the query.</summary>
public sealed class AuditFilterModel
{
    /// <summary>Start of the range, UTC.</summary>
    public DateTime? From { get; set; }

    /// <summary>End of the range (exclusive), UTC.</summary>
    public DateTime? To { get; set; }

    /// <summary>One of <see cref="AuditActions.All"/>, or null for every action.</summary>
    public string? Action { get; set; }

    /// <summary>Who made the change, exactly as the entries name them.</summary>
    public string? Actor { get; set; }

    public long? AccountId { get; set; }

    public AuditFilter ToFilter() => new()
    {
        From = ConsoleFormat.TypedUtc(From),
        To = ConsoleFormat.TypedUtc(To),
        Action = Action,
        Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
        AccountId = AccountId,
    };
}
