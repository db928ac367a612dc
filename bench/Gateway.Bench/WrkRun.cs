namespace Gateway.Bench;

/// <summary>
/// Non-stream load through <c>wrk</c> (Debian's), which costs the load CPU far less than a .NET client would: the same
/// POST on every connection, figures read from a Lua <c>done</c> hook rather than from its human-readable report.
/// </summary>
internal static class WrkRun
{
    private const string Marker = "wrk-result";

    public static async Task<LoadResult> RunAsync(Uri endpoint, string? key, string body, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"gateway-bench-{Guid.NewGuid():N}.lua");
        var authorization = key is null ? "" : $"wrk.headers[\"Authorization\"] = \"Bearer {key}\"\n";
        await File.WriteAllTextAsync(script, $$"""
            wrk.method = "POST"
            wrk.body = [[{{body}}]]
            wrk.headers["Content-Type"] = "application/json"
            {{authorization}}
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("{{Marker}} %d %d %d %d %d %d\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(99)))
            end
            """);
        try
        {
            var threads = Math.Min(connections, Environment.ProcessorCount);
            var start = Pinning.StartInfo(null, "wrk", "-t", Invariant(threads), "-c", Invariant(connections),
                "-d", Invariant((int)Math.Ceiling(duration.TotalSeconds)) + "s", "-s", script, endpoint.ToString());
            start.RedirectStandardOutput = true;
            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
                ?? throw new InvalidOperationException("wrk printed no result:\n" + output);
            var f = line[(Marker.Length + 1)..].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var (requests, seconds, errors) = ((int)f[0], f[1] / 1e6, (int)(f[2] + f[3]));
            var (p50, p99) = (f[4] / 1000, f[5] / 1000);
            return new LoadResult(requests - errors, errors, (requests - errors) / seconds, p50, p99, p50, p99);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
