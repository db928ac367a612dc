namespace Gateway.Core.Audit;

/// <summary>Which audit entries to read; every filter is optional.</summary>
public sealed record AuditFilter : ListingFilter
{
    /// <summary>One of <see cref="AuditActions.All"/>.</summary>
    public string? Action { get; init; }

    /// <summary>Who made the change, matched exactly: an admin's name, <c>gateway</c> or <c>system</c>.</summary>
    public string? Actor { get; init; }

    public long? AccountId { get; init; }
}
