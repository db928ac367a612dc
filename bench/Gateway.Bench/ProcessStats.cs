namespace Gateway.Bench;

/// <summary>
/// CPU time and peak memory of a process and its children, read from <c>/proc</c>: <c>utime + stime</c> of
/// <c>/proc/&lt;pid&gt;/stat</c> (every thread of the process, in clock ticks) and <c>VmHWM</c> of <c>/proc/&lt;pid&gt;/status</c>.
/// </summary>
internal sealed class ProcessStats(IReadOnlyList<int> pids)
{
    public static readonly double TicksPerSecond = ReadClockTicks();

    /// <summary>The process and its direct children (nginx's workers under its master).</summary>
    public static ProcessStats WithChildren(int pid) =>
        new([pid, .. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var child) ? child : 0)
            .Where(child => child > 0 && ReadStat($"/proc/{child}/stat") is { } stat && stat.ParentId == pid)]);

    public TimeSpan CpuTime => TimeSpan.FromSeconds(pids.Sum(pid => ReadStat($"/proc/{pid}/stat")?.Ticks ?? 0) / TicksPerSecond);

    /// <summary>The largest peak resident set of the processes, in MiB.</summary>
    public double PeakMemoryMb => pids.Max(pid => ReadStatusKb(pid, "VmHWM:")) / 1024.0;

    /// <summary>Starts each process's peak resident set over from its current one (Linux's <c>clear_refs</c> value 5).</summary>
    public void ResetPeakMemory()
    {
        foreach (var pid in pids)
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
    }

    /// <summary>Waits until the processes are idle (background work of the load just sent, e.g. usage rows, is done).</summary>
    public Task SettleAsync() =>
        UntilStillAsync(() => CpuTime, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1 / TicksPerSecond));

    /// <summary>
    /// Waits until <paramref name="cpuTime"/> grows by no more than <paramref name="tolerance"/> between two reads
    /// <paramref name="poll"/> apart, or until <paramref name="limit"/> has passed.
    /// </summary>
    public static async Task UntilStillAsync(Func<TimeSpan> cpuTime, TimeSpan poll, TimeSpan limit, TimeSpan tolerance)
    {
        var deadline = Stopwatch.StartNew();
        var last = cpuTime();
        while (deadline.Elapsed < limit)
        {
            await Task.Delay(poll);
            var now = cpuTime();
            if (now - last <= tolerance)
            {
                return;
            }

            last = now;
        }
    }

    /// <summary>The command name, parent and CPU ticks in a <c>stat</c> file of a process or of one of its threads; null once it is gone.</summary>
    public static (string Name, int ParentId, long Ticks)? ReadStat(string path)
    {
        try
        {
            // The command name may hold spaces and parentheses: fields are counted after its closing one.
            var stat = File.ReadAllText(path);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            return (stat[(stat.IndexOf('(') + 1)..close], int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long ReadStatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is not null && long.TryParse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? kb : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static double ReadClockTicks()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
        var text = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit();
        return double.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
    }
}
