using Gateway.Core.Accounts;
using Gateway.Web.Jobs;

namespace Gateway.Web.Console.Accounts;

/// <summary>
/// The accounts page's row actions that go beyond <see cref="AccountAdminService"/>: re-probe through the
/// job host's probe queue, and the connection test.
/// </summary>
public sealed class AccountActions(CapabilityProbeQueue probes, IAccountConnectionTester tester)
{
    /// <summary>Queues a capability probe, as <c>POST /api/admin/accounts/{id}/probe</c> does.</summary>
    public Task ReprobeAsync(long accountId, string actor, CancellationToken ct) =>
        probes.QueueAsync(accountId, $"Requested by {actor}", ct);

    /// <summary>The test's result, or null when the account no longer exists.</summary>
    public Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, CancellationToken ct) =>
        tester.TestAsync(accountId, protocol, ct);
}
