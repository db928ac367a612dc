namespace Gateway.Bench;

/// <summary>Starts child processes pinned to CPUs with <c>taskset</c>, which execs the command: the process is the child itself.</summary>
internal static class Pinning
{
    /// <param name="cpus">A <c>taskset</c> CPU list (e.g. <c>1</c>), or null to start the command unpinned.</param>
    public static ProcessStartInfo StartInfo(string? cpus, params string[] command)
    {
        var start = new ProcessStartInfo(cpus is null ? command[0] : "taskset");
        foreach (var argument in cpus is null ? command[1..] : ["-c", cpus, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The CPUs this process may run on, as the kernel lists them.</summary>
    public static string AllowedCpus() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
}
