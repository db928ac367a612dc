namespace Gateway.Tests.Forwarding;

/// <summary>The attempt's idle timeout and the error values it names, with a clock moved by hand.</summary>
public sealed class ActivityTimeoutTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryRestartPushesTheTimeoutBack_ToExactlyTheTimeoutAfterTheLast()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var timeout = new ActivityTimeout(Idle, clock, CancellationToken.None);

        timeout.Restart();
        clock.Advance(TimeSpan.FromSeconds(20));
        timeout.Restart();
        clock.Advance(TimeSpan.FromSeconds(20));
        timeout.Restart();

        // Expired exactly the timeout after the last restart, not a tick before.
        clock.Advance(Idle - TimeSpan.FromTicks(1));
        Assert.False(timeout.Token.IsCancellationRequested);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(timeout.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task ASilentUpstreamIsBlamedOnTheUpstream_AndTheTimeoutCanBeArmedAgainToCloseTheStream()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var timeout = new ActivityTimeout(Idle, clock, CancellationToken.None);
        timeout.Restart();
        clock.Advance(Idle);

        Assert.Equal(AttemptError.UpstreamReadTimedOut, timeout.UpstreamFailure(new OperationCanceledException(), beforeHeaders: false));
        Assert.Equal(AttemptError.UpstreamHeadersTimedOut, timeout.UpstreamFailure(new OperationCanceledException(), beforeHeaders: true));
        timeout.Restart();
        Assert.False(timeout.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task AClientThatLeftIsBlamedOnTheClientWhateverBrokeFirst()
    {
        using var client = new CancellationTokenSource();
        await using var timeout = new ActivityTimeout(Idle, new FakeTimeProvider(TestClock.Start), client.Token);
        client.Cancel();

        Assert.True(timeout.Token.IsCancellationRequested);
        Assert.Equal(AttemptError.ClientCanceled, timeout.UpstreamFailure(new IOException(), beforeHeaders: false));
        Assert.Equal(AttemptError.ClientCanceled, timeout.ClientFailure(new OperationCanceledException()));
        Assert.Equal(FaultSide.Client, AttemptError.ClientCanceled.Side());
    }

    [Theory]
    [InlineData(AttemptError.UpstreamUnreachable, FaultSide.Upstream)]
    [InlineData(AttemptError.UpstreamReadFailed, FaultSide.Upstream)]
    [InlineData(AttemptError.UpstreamEndedEarly, FaultSide.Upstream)]
    [InlineData(AttemptError.ConversionFailed, FaultSide.Gateway)]
    [InlineData(AttemptError.ClientWriteFailed, FaultSide.Client)]
    [InlineData(AttemptError.ClientWriteTimedOut, FaultSide.Client)]
    public void EveryErrorNamesItsSide(AttemptError error, FaultSide side) => Assert.Equal(side, error.Side());

    [Fact]
    public async Task AClientThatStopsReadingIsBlamedOnTheClient()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var timeout = new ActivityTimeout(Idle, clock, CancellationToken.None);

        Assert.Equal(AttemptError.ClientWriteTimedOut, timeout.ClientFailure(new OperationCanceledException()));
        Assert.Equal(AttemptError.ClientWriteFailed, timeout.ClientFailure(new IOException()));
    }

    [Fact]
    public void HeldEventsPastTheirBoundAskTheGateToCommit()
    {
        var held = new HeldEvents(maxBytes: 10);

        Assert.True(held.TryHold(new SseEvent(null, "12345")));
        Assert.False(held.TryHold(new SseEvent(null, "123456")));
        Assert.Equal(["12345", "123456"], held.Events.Select(e => e.Data));
    }
}
