using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Gateway.Web.Endpoints.Admin;

// The bodies the admin API accepts, as its OpenAPI document describes them. The endpoints read bodies field by field
// (JsonFields) so that every bad field is named in one 400; these records give that reading its published shape.

/// <summary>An account to create, or the whole account that replaces one; secrets left out of a PUT are kept.</summary>
internal sealed record AccountBody(
    [property: Description("Shown in the console and the usage log.")] string Name,
    AccountPlatform? Platform,
    AccountType? Type,
    [property: Description("Provider root, e.g. https://api.deepseek.com/v1.")] string BaseUrl,
    [property: Description("Write-only: never returned.")] string? ApiKey,
    [property: Description("Write-only (oauth accounts).")] string? AccessToken,
    [property: Description("Write-only (oauth accounts).")] string? RefreshToken,
    [property: Description("HTTPS token endpoint (oauth accounts).")] string? TokenUrl,
    [property: JsonPropertyName("oauth_client_id")] string? OauthClientId,
    int? Priority,
    int? Concurrency,
    IReadOnlyList<long>? GroupIds,
    [property: Description("Requested model (or a prefix ending in *) → upstream model.")] IReadOnlyDictionary<string, string>? ModelMapping,
    bool? PoolMode,
    int? PoolModeRetryCount,
    [property: Description("Status codes retried on the same account in pool mode; null for the default 401, 403, 429.")] IReadOnlyList<int>? PoolModeRetryStatusCodes,
    bool? Passthrough,
    EndpointMode? EndpointMode,
    AccountStatus? Status,
    bool? Schedulable);

/// <summary>A group to create or replace; without <c>account_ids</c> a create has no members and a replace keeps them.</summary>
internal sealed record GroupBody(string Name, string? Description, IReadOnlyList<long>? AccountIds);

/// <summary>A client API key to create; the answer carries its secret as <c>key</c>, the only time it is shown.</summary>
internal sealed record ApiKeyBody(string Name, long GroupId, DateTime? ExpiresAt, int? ConcurrencyLimit, int? RequestsPerMinute);

/// <summary>The feature flags to change; flags left out keep their value.</summary>
internal sealed record SettingsBody(bool? AutoEndpoint);

/// <summary>The optional body of a connection test: which of the account's protocols, and which model (else the likeliest one).</summary>
internal sealed record ConnectionTestBody(ApiProtocol? Protocol, string? Model);
