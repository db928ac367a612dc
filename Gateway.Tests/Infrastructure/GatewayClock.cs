namespace Gateway.Tests.Infrastructure;

/// <summary>Makes the gateway's own waits (idle timeouts, slot waits, retry delays) pass by moving its clock, instead of waiting for them.</summary>
public static class GatewayClock
{
    /// <summary>
    /// Moves the clock by <paramref name="step"/> until <paramref name="ended"/> completes. The gateway may still be arming
    /// the timer it is about to wait on, so a jump that came too early is repeated.
    /// </summary>
    public static async Task PassUntilAsync(EngineHarness gateway, TimeSpan step, Task ended)
    {
        for (var jump = 0; jump < 20 && !ended.IsCompleted; jump++)
        {
            gateway.Time.Advance(step);
            await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        Assert.True(ended.IsCompleted, "moving the gateway's clock did not end the wait");
    }
}
