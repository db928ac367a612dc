namespace Gateway.Core.Accounts;

/// <summary>
/// Sends a tiny request through one account now, over the chosen protocol, and reports how it went
/// (SPEC 7.1 <c>POST /api/admin/accounts/{id}/test</c>, and the account dialog's test before saving). The protocol is one
/// the account's platform speaks: an anthropic account is always tested over Messages, another account asked for
/// Messages over Chat Completions.
/// </summary>
public interface IAccountConnectionTester
{
    /// <summary>Tests a stored account; null when it does not exist. A null model sends the account's likeliest one.</summary>
    Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, string? model, CancellationToken cancellationToken);

    /// <summary>Tests connection settings that may not be saved yet.</summary>
    Task<ConnectionTestResult> TestAsync(ConnectionDraft draft, ApiProtocol protocol, string? model, CancellationToken cancellationToken);
}

/// <summary>
/// Connection settings as the account dialog holds them before saving. A blank secret of an account that
/// is already stored (<see cref="StoredAccountId"/>) means its stored secret.
/// </summary>
public sealed record ConnectionDraft(
    AccountPlatform Platform,
    AccountType Type,
    string BaseUrl,
    IReadOnlyDictionary<string, string> ModelMapping,
    string? Secret,
    long? StoredAccountId);

/// <summary>
/// A connection test's outcome: the upstream status (null when none arrived), latency, a short detail, the
/// model that was sent, the start of the upstream's reply text when it answered one, and the protocol tested.
/// </summary>
public sealed record ConnectionTestResult(bool Succeeded, int? Status, int LatencyMs, string Detail, string Model, string? Reply, ApiProtocol Protocol);
