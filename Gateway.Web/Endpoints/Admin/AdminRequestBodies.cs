using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Gateway.Web.Endpoints.Admin;

// The bodies the admin API accepts, as its OpenAPI document describes them. The endpoints read bodies field by field
// (JsonFields) so that every bad field is named in one 400; these records give that reading its published shape. A
// parameter with a default is an optional field of the document.

/// <summary>An account to create, or the whole account that replaces one; secrets left out of a PUT are kept.</summary>
internal sealed record AccountBody(
    [property: Description("Shown in the console and the usage log.")] string Name,
    [property: Description("Provider root, e.g. https://api.deepseek.com/v1.")] string BaseUrl,
    AccountPlatform? Platform = null,
    AccountType? Type = null,
    [property: Description("Write-only: never returned.")] string? ApiKey = null,
    [property: Description("Write-only (oauth accounts).")] string? AccessToken = null,
    [property: Description("Write-only (oauth accounts).")] string? RefreshToken = null,
    [property: Description("HTTPS token endpoint (oauth accounts).")] string? TokenUrl = null,
    [property: JsonPropertyName("oauth_client_id")] string? OauthClientId = null,
    int? Priority = null,
    int? Concurrency = null,
    IReadOnlyList<long>? GroupIds = null,
    [property: Description("Requested model (or a prefix ending in *) → upstream model.")] IReadOnlyDictionary<string, string>? ModelMapping = null,
    bool? PoolMode = null,
    int? PoolModeRetryCount = null,
    [property: Description("Status codes retried on the same account in pool mode; null for the default 401, 403, 429.")] IReadOnlyList<int>? PoolModeRetryStatusCodes = null,
    bool? Passthrough = null,
    EndpointMode? EndpointMode = null,
    AccountStatus? Status = null,
    bool? Schedulable = null);

/// <summary>A group to create or replace; without <c>account_ids</c> a create has no members and a replace keeps them.</summary>
internal sealed record GroupBody(string Name, string? Description = null, IReadOnlyList<long>? AccountIds = null);

/// <summary>A client API key to create; the answer carries its secret as <c>key</c>, the only time it is shown.</summary>
internal sealed record ApiKeyBody(string Name, long GroupId, DateTime? ExpiresAt = null, int? ConcurrencyLimit = null, int? RequestsPerMinute = null);

/// <summary>The feature flags to change; flags left out keep their value.</summary>
internal sealed record SettingsBody(bool? AutoEndpoint = null);

/// <summary>The optional body of a connection test: which of the account's protocols, and which model (else the likeliest one).</summary>
internal sealed record ConnectionTestBody(ApiProtocol? Protocol = null, string? Model = null);
