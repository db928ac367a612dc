using Gateway.Core.Accounts;
using Gateway.Core.Probes;

namespace Gateway.Web.Console.Accounts;

/// <summary>The outcome of an account action that another part of the gateway may not provide yet.</summary>
public enum ActionAvailability
{
    Done,
    NotAvailable,
}

/// <summary>
/// The accounts page's row actions that go beyond <see cref="AccountAdminService"/>: re-probe and
/// connection test, through the services the job host and the engine register.
/// </summary>
public sealed class AccountActions(IEnumerable<IProbeQueue> probeQueues, IEnumerable<IAccountConnectionTester> testers)
{
    public async Task<ActionAvailability> ReprobeAsync(long accountId, CancellationToken ct)
    {
        if (probeQueues.FirstOrDefault() is not { } queue)
        {
            return ActionAvailability.NotAvailable;
        }

        await queue.QueueProbeAsync(accountId, ct);
        return ActionAvailability.Done;
    }

    /// <summary>The test's result, or null when no connection tester is registered.</summary>
    public async Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, CancellationToken ct) =>
        testers.FirstOrDefault() is { } tester ? await tester.TestAsync(accountId, protocol, ct) : null;
}
