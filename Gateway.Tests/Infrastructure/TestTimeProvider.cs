namespace Gateway.Tests.Infrastructure;

/// <summary>
/// System time plus an offset tests can move forward, with real timers and delays: the engine's idle timeouts,
/// retry delays and refresh loop keep running while a test jumps the wall clock past a cooldown
/// (<see cref="ManualTimeProvider"/> stops them instead).
/// </summary>
public sealed class TestTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
