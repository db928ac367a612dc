namespace Gateway.Tests.Web.Jobs;

public sealed class CapabilityProbeQueueTests
{
    [Theory]
    [InlineData(AccountChangeKind.Created, true)]
    [InlineData(AccountChangeKind.ConnectionChanged, true)]
    [InlineData(AccountChangeKind.Updated, false)]
    [InlineData(AccountChangeKind.StateChanged, false)]
    [InlineData(AccountChangeKind.Deleted, false)]
    public void OnlyCreationAndConnectionChanges_QueueAProbe(AccountChangeKind kind, bool probes) =>
        Assert.Equal(probes, CapabilityProbeQueue.ProbeReason(kind) is not null);
}
