namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A fake clock that also counts its running periodic timers by period, so a test can tell that a live page that
/// was left stopped its refresh (MudBlazor keeps periodic timers of its own, with other periods), and tells when a
/// one-shot timer is armed, so a test moves the clock only once a delay started off its thread is on it.
/// </summary>
public sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<TimeSpan, int> _running = new();
    private readonly ConcurrentDictionary<TimeSpan, TaskCompletionSource> _armed = new();

    /// <summary>How many periodic timers with this period are running.</summary>
    public int RunningTimersEvery(TimeSpan period) => _running.GetValueOrDefault(period);

    /// <summary>Completes when the next one-shot timer due in <paramref name="dueTime"/> is created.</summary>
    public Task OneShotArmed(TimeSpan dueTime) => _armed.GetOrAdd(dueTime, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period <= TimeSpan.Zero || period == Timeout.InfiniteTimeSpan)
        {
            if (_armed.TryRemove(dueTime, out var waiter))
            {
                waiter.SetResult();
            }

            return timer;
        }

        _running.AddOrUpdate(period, 1, (_, count) => count + 1);
        return new CountedTimer(timer, () => _running.AddOrUpdate(period, 0, (_, count) => count - 1));
    }

    private sealed class CountedTimer(ITimer inner, Action stopped) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            Stopped();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Stopped();
            return inner.DisposeAsync();
        }

        private void Stopped()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stopped();
            }
        }
    }
}
