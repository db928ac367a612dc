namespace Gateway.Bench;

/// <summary>
/// Prints the measurements (the median of each figure over the rounds) and the figures the gateway is held to. A ratio
/// between two measurements is taken round by round, then its median is reported: the two runs of one round are seconds
/// apart, while the other work of a shared machine can change the CPU cost of everything between one round and the next.
/// </summary>
internal static class Report
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        [Scenario.NonStream64] = "Non-stream chat completion, 64 connections (wrk)",
        [Scenario.NonStream1] = "Non-stream chat completion, one connection (wrk)",
        [Scenario.Sse32] = $"SSE, 32 concurrent streams of {FakeUpstream.StreamChunks} chunks at full speed (the shared core saturated: the first byte waits in its queue)",
        [Scenario.Paced32] = $"Paced SSE, 32 concurrent streams of {FakeUpstream.StreamChunks} chunks at least {FakeUpstream.PaceInterval.TotalMilliseconds:0} ms apart (reads: per stream; {FakeUpstream.StreamChunks + 1} when no event is held back)",
        [Scenario.Converted32] = $"Converted SSE, 32 streams: Chat client, Responses upstream ({FakeUpstream.StreamChunks} deltas; direct and nginx pass the Responses stream)",
    };

    public static void Print(BenchOptions options, IReadOnlyList<Measurement> results, Memory memory, IReadOnlyDictionary<string, (long Rows, long Requests)> usage)
    {
        var medians = results.GroupBy(r => (r.Scenario, r.Target)).ToDictionary(g => g.Key, g => new Median(g.ToList()));
        foreach (var scenario in options.Scenarios)
        {
            Console.WriteLine();
            Console.WriteLine(Titles[scenario] + ":");
            Console.WriteLine($"  {"target",-8} {"requests/s",11} {"÷direct",8} {"p50 ms",8} {"p99 ms",8} {"ttfb p50",9} {"+p50 ms",8} {"+ttfb ms",9} {"proxy CPU/req",14} {"JIT",6} {"upstream CPU/req",17} {"errors",7} {"reads",6}");
            medians.TryGetValue((scenario, Target.Direct), out var direct);
            foreach (var target in options.Targets)
            {
                var m = medians[(scenario, target)];
                var stream = Scenario.IsStream(scenario);
                Console.WriteLine($"  {target,-8} {m.PerSecond,11:0.0} {Ratio(m.PerSecond, direct?.PerSecond),8} {m.P50,8:0.000} {m.P99,8:0.000} {(stream ? m.FirstByteP50.ToString("0.000") : "-"),9} " +
                    $"{Added(m.P50, direct?.P50),8} {(stream ? Added(m.FirstByteP50, direct?.FirstByteP50) : "-"),9} {(target == Target.Direct ? "-" : $"{m.ProxyMicros:0.0} µs"),14} {(target is Target.Direct or Target.Nginx ? "-" : $"{m.JitShare:0.0%}"),6} {m.UpstreamMicros,14:0.0} µs {m.Errors,7} {(stream ? m.Reads.ToString("0.0") : "-"),6}");
            }
        }

        Median? Of(string scenario, string target) => medians.GetValueOrDefault((scenario, target));
        Console.WriteLine();
        Console.WriteLine("Summary (medians over the rounds, ratios taken round by round; targets in brackets):");
        foreach (var gateway in options.Targets.Where(Target.IsGateway))
        {
            Console.WriteLine($"  {gateway}:");
            if (Of(Scenario.NonStream64, gateway) is { } g64 && Of(Scenario.NonStream64, Target.Nginx) is { } n64)
            {
                Console.WriteLine($"    CPU per non-stream request at 64 connections: {g64.ProxyMicros:0.0} µs, nginx {n64.ProxyMicros:0.0} µs: " +
                    $"{RoundRatios(results, (Scenario.NonStream64, gateway), (Scenario.NonStream64, Target.Nginx))} nginx [≤ 3×, goal 2×]");
                if (Of(Scenario.NonStream64, Target.Bare) is { } b64)
                {
                    Console.WriteLine($"      bare Kestrel pass-through {b64.ProxyMicros:0.0} µs: {RoundRatios(results, (Scenario.NonStream64, Target.Bare), (Scenario.NonStream64, Target.Nginx))} nginx " +
                        $"(the stack's floor); the gateway is {RoundRatios(results, (Scenario.NonStream64, gateway), (Scenario.NonStream64, Target.Bare))} the floor");
                }
            }

            if (Of(Scenario.NonStream64, Target.Direct) is { } d64)
            {
                Console.WriteLine($"    throughput ÷ direct at 64 connections: {Ratio(Of(Scenario.NonStream64, gateway)?.PerSecond, d64.PerSecond)} (nginx {Ratio(Of(Scenario.NonStream64, Target.Nginx)?.PerSecond, d64.PerSecond)})");
            }

            if (Of(Scenario.NonStream1, Target.Direct) is { } d1)
            {
                Console.WriteLine($"    added p50 at one connection: {Added(Of(Scenario.NonStream1, gateway)?.P50, d1.P50)} ms (nginx {Added(Of(Scenario.NonStream1, Target.Nginx)?.P50, d1.P50)} ms) [≤ 0.2 ms]");
            }

            if (Of(Scenario.Paced32, Target.Direct) is { } dp)
            {
                Console.WriteLine($"    added time to first byte at 32 paced SSE streams: {Added(Of(Scenario.Paced32, gateway)?.FirstByteP50, dp.FirstByteP50)} ms (nginx {Added(Of(Scenario.Paced32, Target.Nginx)?.FirstByteP50, dp.FirstByteP50)} ms) [≤ 2 ms]; " +
                    $"reads per stream {Of(Scenario.Paced32, gateway)?.Reads:0.0} (direct {dp.Reads:0.0}, nginx {Of(Scenario.Paced32, Target.Nginx)?.Reads:0.0}) [no event held back]");
            }

            if (Of(Scenario.Sse32, Target.Direct) is { } ds)
            {
                Console.WriteLine($"    added time to first byte at 32 full-speed SSE streams (saturated core): {Added(Of(Scenario.Sse32, gateway)?.FirstByteP50, ds.FirstByteP50)} ms (nginx {Added(Of(Scenario.Sse32, Target.Nginx)?.FirstByteP50, ds.FirstByteP50)} ms)");
            }

            if (Of(Scenario.Sse32, gateway) is { } gs && Of(Scenario.Converted32, gateway) is { } gc)
            {
                Console.WriteLine($"    CPU per stream: same protocol {gs.ProxyMicros:0.0} µs, converted {gc.ProxyMicros:0.0} µs: " +
                    $"{RoundRatios(results, (Scenario.Converted32, gateway), (Scenario.Sse32, gateway))} [≤ 1.5×]");
            }

            var at64 = memory.Gateways64.TryGetValue(gateway, out var p) ? $"{p:0.0} MB at 64 connections [≤ 250 MB], " : "";
            Console.WriteLine($"    peak memory (VmHWM): {at64}{memory.GatewaysAtEnd[gateway]:0.0} MB {(at64.Length > 0 ? "from then on" : "since its start")} (nginx {(memory.Nginx is { } n ? $"{n:0.0} MB" : "-")})");
            if (usage.TryGetValue(gateway, out var rows))
            {
                Console.WriteLine($"    usage rows: {rows.Rows} for {rows.Requests} requests the load generators completed{(rows.Rows < rows.Requests ? " — ROWS MISSING" : "")}");
            }
        }
    }

    /// <summary>Peak resident sets in MiB: each gateway's during its first run at 64 connections and from then on (at the end), and nginx's.</summary>
    public sealed record Memory(IReadOnlyDictionary<string, double> Gateways64, IReadOnlyDictionary<string, double> GatewaysAtEnd, double? Nginx);

    /// <summary>The machine may be shared: the figures only mean something next to its load.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The median over the rounds of the CPU per request of <paramref name="part"/> ÷ that of <paramref name="whole"/> in the same round, then each round's.</summary>
    private static string RoundRatios(IReadOnlyList<Measurement> results, (string Scenario, string Target) part, (string Scenario, string Target) whole)
    {
        double? Cpu(int round, (string Scenario, string Target) of) =>
            results.FirstOrDefault(r => r.Round == round && r.Scenario == of.Scenario && r.Target == of.Target)?.ProxyMicrosPerRequest;
        var ratios = results.Select(r => r.Round).Distinct().Order()
            .Select(round => Cpu(round, part) / Cpu(round, whole))
            .OfType<double>()
            .ToList();
        return $"{Median.Of(ratios):0.00}× (round by round: {string.Join(", ", ratios.Select(r => $"{r:0.00}×"))})";
    }

    private static string Ratio(double? value, double? reference) => value is { } v && reference is { } r && r > 0 ? $"{v / r:0.000}" : "-";

    private static string Added(double? value, double? reference) => value is { } v && reference is { } r ? $"{v - r:+0.000;-0.000}" : "-";

    /// <summary>The median of each figure over the rounds of one scenario and target.</summary>
    private sealed class Median(List<Measurement> runs)
    {
        public double PerSecond => Of(r => r.Load.PerSecond);

        public double P50 => Of(r => r.Load.P50Ms);

        public double P99 => Of(r => r.Load.P99Ms);

        public double FirstByteP50 => Of(r => r.Load.FirstByteP50Ms);

        public double ProxyMicros => Of(r => r.ProxyMicrosPerRequest);

        /// <summary>The share of the proxy's CPU its background JIT took during the run.</summary>
        public double JitShare => Of(r => r.JitShare);

        public double UpstreamMicros => Of(r => r.UpstreamMicrosPerRequest);

        public double Reads => Of(r => r.Load.ReadsPerAnswer);

        public int Errors => runs.Sum(r => r.Load.Errors);

        public static double Of(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private double Of(Func<Measurement, double> figure) => Of(runs.Select(figure));
    }
}
