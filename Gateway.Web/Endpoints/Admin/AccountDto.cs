using Gateway.Core.Accounts;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>An account as the admin API shows it; secrets are write-only and never appear here.</summary>
internal sealed record AccountDto(
    long Id,
    string Name,
    AccountPlatform Platform,
    AccountType Type,
    string BaseUrl,
    string? TokenUrl,
    string? OauthClientId,
    int Priority,
    int Concurrency,
    IReadOnlyList<long> GroupIds,
    IReadOnlyDictionary<string, string> ModelMapping,
    bool PoolMode,
    int PoolModeRetryCount,
    IReadOnlyList<int>? PoolModeRetryStatusCodes,
    bool Passthrough,
    EndpointMode EndpointMode,
    AccountStatus Status,
    bool Schedulable,
    bool HasSecret,
    bool? ResponsesSupported,
    DateTime? ProbedAt,
    string? ProbeDetail,
    DateTime? CooldownUntil,
    string? CooldownReason,
    string? ErrorMessage,
    int ForbiddenStrikes,
    IReadOnlyList<SuspendedModelDto> SuspendedModels,
    DateTime? LastUsedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static AccountDto From(Account a, IEnumerable<ModelSuspension>? suspensions = null) => new(
        a.Id,
        a.Name,
        a.Platform,
        a.Type,
        a.BaseUrl,
        a.TokenUrl,
        a.OAuthClientId,
        a.Priority,
        a.Concurrency,
        [.. a.Groups.Select(g => g.Id).Order()],
        a.ModelMapping,
        a.PoolMode,
        a.PoolModeRetryCount,
        a.PoolModeRetryStatusCodes,
        a.Passthrough,
        a.EndpointMode,
        a.Status,
        a.Schedulable,
        a.ProtectedSecret is not null,
        a.ResponsesSupported,
        a.ProbedAt,
        a.ProbeDetail,
        a.CooldownUntil,
        a.CooldownReason,
        a.ErrorMessage,
        a.ForbiddenStrikes,
        [.. (suspensions ?? []).Select(s => new SuspendedModelDto(s.UpstreamModel, s.Until, s.Reason))],
        a.LastUsedAt,
        a.CreatedAt,
        a.UpdatedAt);
}

/// <summary>An upstream model the account is suspended for.</summary>
internal sealed record SuspendedModelDto(string Model, DateTime Until, string Reason);
