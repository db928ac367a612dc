using Gateway.Bench;

// Gateway overhead benchmark (SPEC 9): the same loads sent straight to a fast fake upstream, through nginx, through a bare
// Kestrel pass-through and through the gateway (and optionally through a baseline build of it), in one run, on loopback
// only. Each is a process of its own, so each one's CPU time and memory are its own and each can be pinned.
switch (args)
{
    case [FakeUpstream.ServeArgument, var servePort]:
        await FakeUpstream.RunAsync(int.Parse(servePort, CultureInfo.InvariantCulture));
        return;
    case [BarePassthrough.ServeArgument, var passPort, var passUpstream]:
        await BarePassthrough.RunAsync(int.Parse(passPort, CultureInfo.InvariantCulture), new Uri(passUpstream));
        return;
}

var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(2) };
await using var upstream = await ServerProcess.StartAsync(options.ProxyCpus, "The fake upstream", FakeUpstream.ServeArgument);
await using var nginx = options.Targets.Contains(Target.Nginx)
    ? await NginxProxy.StartAsync(upstream.BaseUrl, options.ProxyCpus?.Split(',').Length ?? Environment.ProcessorCount, options.ProxyCpus)
    : null;
await using var bare = options.Targets.Contains(Target.Bare)
    ? await ServerProcess.StartAsync(options.ProxyCpus, "The bare pass-through", BarePassthrough.ServeArgument, upstream.BaseUrl)
    : null;
var gateways = new Dictionary<string, GatewayTarget>();
var jits = new Dictionary<string, JitWatch>();
try
{
    foreach (var (name, dll) in new[] { (Target.Gateway, options.GatewayDll), (Target.Baseline, options.BaselineDll) })
    {
        if (dll is not null && options.Targets.Contains(name))
        {
            gateways[name] = await GatewayTarget.StartAsync(name, dll, upstream.BaseUrl, options.ProxyCpus, http);
        }
    }

    var proxies = gateways.ToDictionary(g => g.Key, g => g.Value.Stats);
    if (nginx is not null)
    {
        proxies[Target.Nginx] = ProcessStats.WithChildren(nginx.ProcessId);
    }

    if (bare is not null)
    {
        proxies[Target.Bare] = new ProcessStats([bare.ProcessId]);
        jits[Target.Bare] = new JitWatch(bare.ProcessId);
    }

    foreach (var (name, gateway) in gateways)
    {
        jits[name] = new JitWatch(gateway.ProcessId);
    }

    var routes = new Routes(new Uri(upstream.BaseUrl), nginx is null ? null : new Uri(nginx.BaseUrl), bare is null ? null : new Uri(bare.BaseUrl), gateways);
    var bench = new BenchRunner(options, http, routes, new ProcessStats([upstream.ProcessId]), proxies, jits);
    Console.WriteLine($"Gateway overhead benchmark: {options.Duration.TotalSeconds:0} s per run after {options.Warmup.TotalSeconds:0} s warm-up, {options.Rounds} round(s), loopback");
    Console.WriteLine($"  load generators on CPU {Pinning.AllowedCpus()}, upstream and proxies on {options.ProxyCpus ?? "any CPU"}; {string.Join(", ", gateways.Values.Select(g => $"{g.Name} pid {g.ProcessId}"))}");
    Console.WriteLine($"  load average at the start: {Report.LoadAverage()} (other processes on the machine share the cores)");
    var results = await bench.RunAsync();
    var usage = new Dictionary<string, (long Rows, long Requests)>();
    foreach (var (name, requests) in bench.GatewayRequests)
    {
        usage[name] = (await gateways[name].Admin.UsageRowsAsync(requests), requests);
    }

    Report.Print(options, results, new Report.Memory(bench.PeakMemoryMb64, gateways.ToDictionary(g => g.Key, g => g.Value.Stats.PeakMemoryMb), proxies.GetValueOrDefault(Target.Nginx)?.PeakMemoryMb), usage);
    Console.WriteLine($"Load average at the end: {Report.LoadAverage()}");
}
finally
{
    foreach (var jit in jits.Values)
    {
        await jit.DisposeAsync();
    }

    foreach (var gateway in gateways.Values)
    {
        await gateway.DisposeAsync();
    }
}
