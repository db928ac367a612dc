namespace Gateway.Core.Audit;

/// <summary>A record of a change made by the system or an admin: to an account's state, or to a group, API key, console user or admin token (no account, its name in <see cref="Detail"/>).</summary>
public sealed class AuditEntry : IListingRow
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public long? AccountId { get; set; }

    /// <summary>A short stable verb such as <c>cooldown_expired</c> or <c>account_updated</c>.</summary>
    public required string Action { get; set; }

    public string? Detail { get; set; }

    /// <summary>Who made the change: an admin's name, or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>The detail naming an API key or admin token: its name and visible prefix, never its secret.</summary>
    public static string SecretDetail(string name, string prefix) => $"{name} ({prefix}…)";
}
