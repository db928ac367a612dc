namespace Gateway.Core.Policies;

/// <summary>
/// What an attempt does to an account's stored state; applied by the state updater, never by the loop.
/// Null members leave the stored value alone.
/// </summary>
public sealed record AccountStateChange
{
    public static AccountStateChange None { get; } = new();

    public DateTime? CooldownUntil { get; init; }

    public string? CooldownReason { get; init; }

    public int? ForbiddenStrikes { get; init; }

    public DateTime? ForbiddenWindowStart { get; init; }

    /// <summary>When set, the account goes to status <c>error</c> with this message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>When set, the (account, upstream model) pair is suspended until then.</summary>
    public DateTime? SuspendModelUntil { get; init; }

    public bool IsNone => this == None;
}
