namespace Gateway.Core.Accounts;

/// <summary>
/// Sends a tiny request through one account now, over the chosen protocol, and reports how it went
/// (SPEC 7.1 <c>POST /api/admin/accounts/{id}/test</c>). The protocol is one the account's platform speaks: an anthropic
/// account is always tested over Messages, another account asked for Messages over Chat Completions.
/// </summary>
public interface IAccountConnectionTester
{
    /// <summary>The test's outcome, or null when the account does not exist.</summary>
    Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, CancellationToken cancellationToken);
}

/// <summary>A connection test's outcome: the upstream status (null when none arrived), latency, a short detail and the protocol tested.</summary>
public sealed record ConnectionTestResult(bool Succeeded, int? Status, int LatencyMs, string Detail, ApiProtocol Protocol);
