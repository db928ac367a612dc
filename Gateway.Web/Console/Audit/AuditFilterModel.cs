namespace Gateway.Web.Console.Audit;

/// <summary>The audit page's filter form, as typed.</summary>
public sealed class AuditFilterModel : ListingFilterForm<AuditFilter>
{
    /// <summary>One of <see cref="AuditActions.All"/>, or null for every action.</summary>
    public string? Action { get; set; }

    /// <summary>Who made the change, exactly as the entries name them.</summary>
    public string? Actor { get; set; }

    protected override AuditFilter WithFields(AuditFilter range) => range with
    {
        Action = Action,
        Actor = string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
        AccountId = AccountId,
    };
}
