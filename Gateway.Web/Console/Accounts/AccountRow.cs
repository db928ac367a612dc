using Gateway.Core.Accounts;

namespace Gateway.Web.Console.Accounts;

/// <summary>What the probe found out about an account's Responses support.</summary>
public enum ProbeState
{
    Unknown,
    Supported,
    Unsupported,
}

/// <summary>Where an account stands for scheduling, as the grid and the dashboard show it.</summary>
public enum AccountState
{
    Active,
    CoolingDown,
    Disabled,
    Error,
}

/// <summary>One line of the accounts grid: flat, sortable and filterable values.</summary>
public sealed record AccountRow(
    long Id,
    string Name,
    string Platform,
    string Type,
    AccountState State,
    int Priority,
    DateTime? CooldownUntil,
    string? CooldownReason,
    ProbeState Probe,
    DateTime? ProbedAt,
    string EndpointMode,
    string Groups,
    bool PoolMode,
    IReadOnlyList<int> RetryStatusCodes,
    string? ErrorMessage,
    IReadOnlyList<SuspendedModel> SuspendedModels)
{
    public bool Enabled => State != AccountState.Disabled;

    public static AccountRow From(Account a, IEnumerable<ModelSuspension> suspensions, DateTime now) => new(
        a.Id,
        a.Name,
        a.Platform.ToWire(),
        a.Type.ToWire(),
        StateOf(a, now),
        a.Priority,
        a.IsCoolingDown(now) ? a.CooldownUntil : null,
        a.IsCoolingDown(now) ? a.CooldownReason : null,
        a.ResponsesSupported switch { true => ProbeState.Supported, false => ProbeState.Unsupported, null => ProbeState.Unknown },
        a.ProbedAt,
        a.EndpointMode.ToWire(),
        string.Join(", ", a.Groups.Select(g => g.Name).Order(StringComparer.Ordinal)),
        a.PoolMode,
        a.EffectivePoolModeRetryStatusCodes,
        a.ErrorMessage,
        [.. suspensions.Where(s => s.Until > now).OrderBy(s => s.UpstreamModel, StringComparer.Ordinal).Select(s => new SuspendedModel(s.UpstreamModel, s.Until, s.Reason))]);

    public static AccountState StateOf(Account a, DateTime now) => a.Status switch
    {
        AccountStatus.Disabled => AccountState.Disabled,
        AccountStatus.Error => AccountState.Error,
        _ when a.IsCoolingDown(now) => AccountState.CoolingDown,
        _ => AccountState.Active,
    };
}

/// <summary>An upstream model the account is suspended for, until when and why.</summary>
public sealed record SuspendedModel(string Model, DateTime Until, string Reason);
