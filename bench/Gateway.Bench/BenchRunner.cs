namespace Gateway.Bench;

/// <summary>
/// Runs every chosen scenario against every chosen target, round after round, measuring the load and the CPU it cost.
/// The .NET targets are first warmed up until their background JIT is done, so rounds measure the steady state.
/// </summary>
internal sealed class BenchRunner(
    BenchOptions options,
    HttpClient http,
    Routes routes,
    ProcessStats upstream,
    IReadOnlyDictionary<string, ProcessStats> proxies,
    IReadOnlyDictionary<string, JitWatch> jits)
{
    /// <summary>A warm-up pass that leaves less of the target's CPU than this to its background JIT is a quiet one.</summary>
    private const double SteadyJitShare = 0.01;

    private const int QuietPasses = 2;

    private readonly Dictionary<string, long> _gatewayRequests = [];
    private readonly Dictionary<string, double> _peakMemoryMb64 = [];

    /// <summary>Requests each gateway answered, warm-ups included: each one must have left a usage row.</summary>
    public IReadOnlyDictionary<string, long> GatewayRequests => _gatewayRequests;

    /// <summary>Each gateway's peak resident set during its first run at 64 connections (its warm-up's peak left out).</summary>
    public IReadOnlyDictionary<string, double> PeakMemoryMb64 => _peakMemoryMb64;

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        foreach (var target in options.Targets.Where(t => jits.ContainsKey(t) && options.MaxWarmup > TimeSpan.Zero))
        {
            await WarmUpAsync(target);
        }

        var results = new List<Measurement>();
        for (var round = 0; round < options.Rounds; round++)
        {
            // Every other round measures the targets in the opposite order, so no build is always the one that runs second.
            var targets = round % 2 == 0 ? options.Targets : options.Targets.Reverse();
            foreach (var scenario in options.Scenarios)
            {
                foreach (var target in targets)
                {
                    var firstAt64 = Target.IsGateway(target) && scenario == Scenario.NonStream64 && !_peakMemoryMb64.ContainsKey(target);
                    if (firstAt64)
                    {
                        proxies[target].ResetPeakMemory();
                    }

                    results.Add(await MeasureAsync(scenario, target, round));
                    if (firstAt64)
                    {
                        _peakMemoryMb64[target] = proxies[target].PeakMemoryMb;
                    }
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Sends every scenario's load for the warm-up time, again and again, until the target's background JIT has worked and
    /// then left it alone: <see cref="QuietPasses"/> passes in a row each giving it less than <see cref="SteadyJitShare"/> of
    /// the target's CPU, and for at least <see cref="BenchOptions.MinWarmup"/> (or until <see cref="BenchOptions.MaxWarmup"/>
    /// has passed). Quiet passes before it ever worked do not count: the runtime starts moving methods to optimized code
    /// only once no new method has been compiled for a moment.
    /// Between passes the target is left idle until its JIT is, so what the last pass made hot gets compiled.
    /// </summary>
    private async Task WarmUpAsync(string target)
    {
        var (proxy, jit) = (proxies[target], jits[target]);
        var clock = Stopwatch.StartNew();
        var (passes, quiet, share, worked) = (0, 0, 0.0, false);
        while ((quiet < QuietPasses || clock.Elapsed < options.MinWarmup) && clock.Elapsed < options.MaxWarmup)
        {
            var (cpuBefore, jitBefore) = (proxy.CpuTime, jit.CpuTime);
            foreach (var scenario in options.Scenarios)
            {
                Count(target, await LoadAsync(scenario, target, options.Warmup));
            }

            share = Measurement.Share(jit.CpuTime - jitBefore, proxy.CpuTime - cpuBefore);
            worked |= share >= SteadyJitShare;
            quiet = worked && share < SteadyJitShare ? quiet + 1 : 0;
            passes++;
            await ProcessStats.UntilStillAsync(() => jit.CpuTime, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.Zero);
        }

        Console.WriteLine($"  {target}: warmed up in {clock.Elapsed.TotalSeconds:0} s, {passes} pass(es); JIT {share:0.0%} of its CPU in the last one " +
            $"[< {SteadyJitShare:0%} in {QuietPasses} passes in a row after it worked, at least {options.MinWarmup.TotalSeconds:0} s]");
    }

    private async Task<Measurement> MeasureAsync(string scenario, string target, int round)
    {
        var proxy = proxies.GetValueOrDefault(target);
        var jit = jits.GetValueOrDefault(target);
        Count(target, await LoadAsync(scenario, target, options.Warmup));

        // Background work a run leaves behind (the gateway's usage rows) is waited for and counted in that run's CPU.
        await SettleAsync(proxy);
        var (proxyBefore, upstreamBefore, jitBefore) = (proxy?.CpuTime ?? TimeSpan.Zero, upstream.CpuTime, jit?.CpuTime ?? TimeSpan.Zero);
        var load = await LoadAsync(scenario, target, options.Duration);
        await SettleAsync(proxy);
        Count(target, load);
        return new Measurement(round, scenario, target, load, (proxy?.CpuTime ?? TimeSpan.Zero) - proxyBefore, upstream.CpuTime - upstreamBefore,
            (jit?.CpuTime ?? TimeSpan.Zero) - jitBefore);
    }

    private Task<LoadResult> LoadAsync(string scenario, string target, TimeSpan duration)
    {
        var (endpoint, key, body) = routes.For(scenario, target);
        var connections = scenario switch { Scenario.NonStream64 => 64, Scenario.NonStream1 => 1, _ => 32 };
        return !Scenario.IsStream(scenario)
            ? WrkRun.RunAsync(endpoint, key, body, connections, duration)
            : LoadRun.RunAsync(http, endpoint, key, body, connections, duration);
    }

    private async Task SettleAsync(ProcessStats? proxy)
    {
        await upstream.SettleAsync();
        if (proxy is not null)
        {
            await proxy.SettleAsync();
        }
    }

    private void Count(string target, LoadResult load)
    {
        if (Target.IsGateway(target))
        {
            _gatewayRequests[target] = _gatewayRequests.GetValueOrDefault(target) + load.Requests + load.Errors;
        }
    }
}

/// <summary>
/// One run of one scenario against one target in one round: what the load generator saw, the CPU time the proxy and
/// upstream spent, and how much of the proxy's went to its background JIT (zero for nginx).
/// </summary>
internal sealed record Measurement(int Round, string Scenario, string Target, LoadResult Load, TimeSpan ProxyCpu, TimeSpan UpstreamCpu, TimeSpan JitCpu)
{
    public double JitShare => Share(JitCpu, ProxyCpu);

    public double ProxyMicrosPerRequest => ProxyCpu.TotalMicroseconds / Math.Max(1, Load.Requests);

    public double UpstreamMicrosPerRequest => UpstreamCpu.TotalMicroseconds / Math.Max(1, Load.Requests);

    public static double Share(TimeSpan part, TimeSpan whole) => whole > TimeSpan.Zero ? part / whole : 0;
}
