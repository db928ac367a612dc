namespace Gateway.Web.Console.Accounts;

/// <summary>The accounts page's actions that reach beyond <see cref="AccountAdminService"/>: re-probe and connection tests.</summary>
public interface IAccountActions
{
    /// <summary>Queues a capability probe and audits it, as <c>POST /api/admin/accounts/{id}/probe</c> does.</summary>
    Task ReprobeAsync(long accountId, string actor, CancellationToken ct);

    /// <summary>Tests a stored account; null when it no longer exists.</summary>
    Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, string? model, CancellationToken ct);

    /// <summary>Tests the dialog's settings before they are saved.</summary>
    Task<ConnectionTestResult> TestAsync(ConnectionDraft draft, ApiProtocol protocol, string? model, CancellationToken ct);
}

/// <summary>Re-probes through the job host's probe queue and tests through the connection tester.</summary>
public sealed class AccountActions(CapabilityProbeQueue probes, IAccountConnectionTester tester) : IAccountActions
{
    public Task ReprobeAsync(long accountId, string actor, CancellationToken ct) => probes.RequestAsync(accountId, actor, ct);

    public Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, string? model, CancellationToken ct) =>
        tester.TestAsync(accountId, protocol, model, ct);

    public Task<ConnectionTestResult> TestAsync(ConnectionDraft draft, ApiProtocol protocol, string? model, CancellationToken ct) =>
        tester.TestAsync(draft, protocol, model, ct);
}
