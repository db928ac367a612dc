namespace Gateway.Bench;

/// <summary>
/// The CPU time a .NET process spends compiling in the background: its tiered-compilation worker threads (named
/// <c>.NET Tiered Com…</c> in <c>/proc/&lt;pid&gt;/task</c>), which move hot methods to optimized code for minutes after a start
/// when the process shares one CPU with its load. The worker exits when it has nothing to do, taking its counters with it,
/// so the threads are read every 100 ms and each one's growth is added up.
/// </summary>
internal sealed class JitWatch : IAsyncDisposable
{
    private const string WorkerName = ".NET Tiered Com";
    private readonly int _pid;
    private readonly Dictionary<int, long> _lastTicks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private long _ticks;

    public JitWatch(int pid)
    {
        _pid = pid;

        // What the threads compiled before the watch began is not counted.
        Read();
        _ticks = 0;
        _polling = PollAsync();
    }

    /// <summary>The compiling threads' CPU time since the watch started.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            lock (_lastTicks)
            {
                Read();
                return TimeSpan.FromSeconds(_ticks / ProcessStats.TicksPerSecond);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                lock (_lastTicks)
                {
                    Read();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Read()
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{_pid}/task");
        }
        catch (IOException)
        {
            return;
        }

        foreach (var thread in threads)
        {
            if (!int.TryParse(Path.GetFileName(thread), out var tid) || ProcessStats.ReadStat($"{thread}/stat") is not { } stat
                || !stat.Name.StartsWith(WorkerName, StringComparison.Ordinal))
            {
                continue;
            }

            _ticks += stat.Ticks - _lastTicks.GetValueOrDefault(tid);
            _lastTicks[tid] = stat.Ticks;
        }
    }
}
