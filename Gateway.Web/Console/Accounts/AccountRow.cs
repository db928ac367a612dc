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

/// <summary>
/// One line of the accounts grid. Cooldowns and suspensions keep their end time, so the page can count
/// them down and drop them when they end (<see cref="StateAt"/>, <see cref="SuspensionsAt"/>) between reloads.
/// </summary>
public sealed record AccountRow(
    long Id,
    string Name,
    AccountPlatform Platform,
    AccountType Type,
    string BaseUrl,
    AccountStatus Status,
    int Priority,
    DateTime? CooldownUntil,
    string? CooldownReason,
    ProbeState Probe,
    DateTime? ProbedAt,
    string? ProbeDetail,
    EndpointMode EndpointMode,
    IReadOnlyList<string> Groups,
    IReadOnlyList<long> GroupIds,
    bool PoolMode,
    bool Passthrough,
    IReadOnlyList<int> RetryStatusCodes,
    string? ErrorMessage,
    DateTime? LastUsedAt,
    AccountHealth Health,
    IReadOnlyList<SuspendedModel> SuspendedModels)
{
    public bool Enabled => Status != AccountStatus.Disabled;

    public static AccountRow From(Account a, IEnumerable<ModelSuspension> suspensions, AccountHealth health, DateTime now) => new(
        a.Id,
        a.Name,
        a.Platform,
        a.Type,
        AccountConnectionRules.Shown(a.BaseUrl),
        a.Status,
        a.Priority,
        a.IsCoolingDown(now) ? a.CooldownUntil : null,
        a.IsCoolingDown(now) ? a.CooldownReason : null,
        a.ResponsesSupported switch { true => ProbeState.Supported, false => ProbeState.Unsupported, null => ProbeState.Unknown },
        a.ProbedAt,
        a.ProbeDetail,
        a.EndpointMode,
        [.. a.Groups.Select(g => g.Name).Order(StringComparer.Ordinal)],
        [.. a.Groups.Select(g => g.Id)],
        a.PoolMode,
        a.Passthrough,
        a.EffectivePoolModeRetryStatusCodes,
        a.ErrorMessage,
        a.LastUsedAt,
        health,
        [.. suspensions.Where(s => s.Until > now).OrderBy(s => s.UpstreamModel, StringComparer.Ordinal).Select(s => new SuspendedModel(s.UpstreamModel, s.Until, s.Reason))]);

    public static AccountState StateOf(Account a, DateTime now) => StateOf(a.Status, a.CooldownUntil, now);

    /// <summary>The row's state at <paramref name="now"/>: a cooldown that has ended no longer counts.</summary>
    public AccountState StateAt(DateTime now) => StateOf(Status, CooldownUntil, now);

    /// <summary>The suspensions still running at <paramref name="now"/>.</summary>
    public IEnumerable<SuspendedModel> SuspensionsAt(DateTime now) => SuspendedModels.Where(s => s.Until > now);

    /// <summary>When something shown in the row ends after <paramref name="now"/> (a cooldown or a suspension), if anything does.</summary>
    public DateTime? NextChangeAfter(DateTime now) =>
        SuspendedModels.Select(s => (DateTime?)s.Until).Append(CooldownUntil).Where(t => t > now).Min();

    private static AccountState StateOf(AccountStatus status, DateTime? cooldownUntil, DateTime now) => status switch
    {
        AccountStatus.Disabled => AccountState.Disabled,
        AccountStatus.Error => AccountState.Error,
        _ when cooldownUntil > now => AccountState.CoolingDown,
        _ => AccountState.Active,
    };
}

/// <summary>An upstream model the account is suspended for, until when and why.</summary>
public sealed record SuspendedModel(string Model, DateTime Until, string Reason);
