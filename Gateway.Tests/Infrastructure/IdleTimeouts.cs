namespace Gateway.Tests.Infrastructure;

/// <summary>Makes the gateway's idle timeout pass by moving its clock, instead of waiting for it.</summary>
public static class IdleTimeouts
{
    /// <summary>
    /// Moves the clock past <paramref name="idleTimeout"/> until <paramref name="ended"/> completes. The gateway may still
    /// be arming its timer for the read it is about to block on, so a jump that came too early is repeated.
    /// </summary>
    public static async Task PassUntilAsync(EngineHarness gateway, TimeSpan idleTimeout, Task ended)
    {
        for (var jump = 0; jump < 20 && !ended.IsCompleted; jump++)
        {
            gateway.Time.Advance(idleTimeout + TimeSpan.FromMinutes(1));
            await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        Assert.True(ended.IsCompleted, "the idle timeout did not end the attempt");
    }
}
