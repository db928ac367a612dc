namespace Gateway.Bench;

/// <summary>Runs every chosen scenario against every chosen target, round after round, measuring the load and the CPU it cost.</summary>
internal sealed class BenchRunner(BenchOptions options, HttpClient http, Routes routes, ProcessStats upstream, IReadOnlyDictionary<string, ProcessStats> proxies)
{
    private readonly Dictionary<string, long> _gatewayRequests = [];
    private readonly Dictionary<string, double> _peakMemoryMb64 = [];

    /// <summary>Requests each gateway answered, warm-ups included: each one must have left a usage row.</summary>
    public IReadOnlyDictionary<string, long> GatewayRequests => _gatewayRequests;

    /// <summary>Each gateway's peak resident set right after its first run at 64 connections (before any stream).</summary>
    public IReadOnlyDictionary<string, double> PeakMemoryMb64 => _peakMemoryMb64;

    public async Task<IReadOnlyList<Measurement>> RunAsync()
    {
        var results = new List<Measurement>();
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var scenario in options.Scenarios)
            {
                foreach (var target in options.Targets)
                {
                    results.Add(await MeasureAsync(scenario, target));
                    if (Target.IsGateway(target) && scenario == Scenario.NonStream64)
                    {
                        _peakMemoryMb64.TryAdd(target, proxies[target].PeakMemoryMb);
                    }
                }
            }
        }

        return results;
    }

    private async Task<Measurement> MeasureAsync(string scenario, string target)
    {
        var (endpoint, key, body) = routes.For(scenario, target);
        var connections = scenario switch { Scenario.NonStream64 => 64, Scenario.NonStream1 => 1, _ => 32 };
        Task<LoadResult> LoadAsync(TimeSpan duration) => scenario is Scenario.NonStream64 or Scenario.NonStream1
            ? WrkRun.RunAsync(endpoint, key, body, connections, duration)
            : LoadRun.RunAsync(http, endpoint, key, body, connections, duration);

        var proxy = proxies.GetValueOrDefault(target);
        Count(target, await LoadAsync(options.Warmup));

        // Background work a run leaves behind (the gateway's usage rows) is waited for and counted in that run's CPU.
        await SettleAsync(proxy);
        var (proxyBefore, upstreamBefore) = (proxy?.CpuTime ?? TimeSpan.Zero, upstream.CpuTime);
        var load = await LoadAsync(options.Duration);
        await SettleAsync(proxy);
        Count(target, load);
        return new Measurement(scenario, target, load, (proxy?.CpuTime ?? TimeSpan.Zero) - proxyBefore, upstream.CpuTime - upstreamBefore);
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

/// <summary>One run of one scenario against one target: what the load generator saw and the CPU time the proxy and upstream spent.</summary>
internal sealed record Measurement(string Scenario, string Target, LoadResult Load, TimeSpan ProxyCpu, TimeSpan UpstreamCpu)
{
    public double ProxyMicrosPerRequest => ProxyCpu.TotalMicroseconds / Math.Max(1, Load.Requests);

    public double UpstreamMicrosPerRequest => UpstreamCpu.TotalMicroseconds / Math.Max(1, Load.Requests);
}
