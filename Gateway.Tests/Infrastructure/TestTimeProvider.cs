using System.Collections.Concurrent;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// System time plus an offset tests can move forward, with real timers and delays: the engine's idle timeouts,
/// retry delays and refresh loop keep running while a test jumps the wall clock past a cooldown
/// (<see cref="ManualTimeProvider"/> stops them instead). Moving the clock also fires every timer that falls due in the
/// jump, so a test reaches an idle timeout by advancing time rather than by waiting for it.
/// </summary>
public sealed class TestTimeProvider : TimeProvider
{
    private readonly ConcurrentDictionary<JumpableTimer, byte> _timers = new();
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        var now = GetUtcNow();
        foreach (var timer in _timers.Keys)
        {
            timer.FireIfDue(now);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new JumpableTimer(this, callback, state);
        _timers[timer] = 0;
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>A real timer that also fires when <see cref="Advance"/> moves the clock past its due time.</summary>
    private sealed class JumpableTimer : ITimer
    {
        private readonly TestTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _real;
        private readonly Lock _gate = new();
        private DateTimeOffset _dueAt = DateTimeOffset.MaxValue;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public JumpableTimer(TestTimeProvider clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            _real = TimeProvider.System.CreateTimer(_ => Fire(DateTimeOffset.MaxValue), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _period = period;
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _clock.GetUtcNow() + dueTime;
                return _real.Change(dueTime, period);
            }
        }

        public void FireIfDue(DateTimeOffset now) => Fire(now);

        public void Dispose()
        {
            _clock._timers.TryRemove(this, out _);
            _real.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        /// <param name="now">The clock after a jump; <see cref="DateTimeOffset.MaxValue"/> when the real timer fired.</param>
        private void Fire(DateTimeOffset now)
        {
            lock (_gate)
            {
                // A one-shot timer fires once, whether the real timer or a jump of the clock got there first.
                if (_dueAt == DateTimeOffset.MaxValue || _dueAt > now)
                {
                    return;
                }

                var periodic = _period != Timeout.InfiniteTimeSpan && _period != TimeSpan.Zero;
                _dueAt = periodic ? _clock.GetUtcNow() + _period : DateTimeOffset.MaxValue;
                if (!periodic)
                {
                    _real.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                }
            }

            _callback(_state);
        }
    }
}
