using Gateway.Core.Accounts;
using Gateway.Web.Jobs;

namespace Gateway.Web.Console.Accounts;

/// <summary>
/// The accounts page's row actions that go beyond <see cref="AccountAdminService"/>: re-probe through the
/// job host's probe queue, and the connection test through the tester the engine registers.
/// </summary>
public sealed class AccountActions(CapabilityProbeQueue probes, IEnumerable<IAccountConnectionTester> testers)
{
    /// <summary>Queues a capability probe, as <c>POST /api/admin/accounts/{id}/probe</c> does.</summary>
    public Task ReprobeAsync(long accountId, string actor, CancellationToken ct) =>
        probes.QueueAsync(accountId, $"Requested by {actor}", ct);

    /// <summary>The test's result, or null while no connection tester is registered (the admin API answers 501 then).</summary>
    public async Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, CancellationToken ct) =>
        testers.FirstOrDefault() is { } tester ? await tester.TestAsync(accountId, protocol, ct) : null;
}
