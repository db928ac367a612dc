using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gateway.Bench;
using Gateway.BenchShared;

// Gateway overhead benchmark (SPEC 9): the same load sent directly to a fast fake upstream and through the
// gateway (a separate process, so its CPU time and memory are its own), in one run, on loopback only.
var gatewayDll = Arg("--gateway") ?? throw new ArgumentException("--gateway <path to Gateway.Web.dll> is required");
var seconds = double.Parse(Arg("--seconds") ?? "6", CultureInfo.InvariantCulture);
var warmup = TimeSpan.FromSeconds(double.Parse(Arg("--warmup") ?? "2", CultureInfo.InvariantCulture));
var duration = TimeSpan.FromSeconds(seconds);
const string BootstrapToken = "bench-bootstrap-token-of-32-characters";

await using var upstream = await FakeUpstream.StartAsync();
var port = GatewayLauncher.FreePort();
var database = Path.Combine(Path.GetTempPath(), $"gateway-bench-{Guid.NewGuid():N}.db");
using var gateway = GatewayLauncher.Start(Path.GetDirectoryName(Path.GetFullPath(gatewayDll))!, [Path.GetFullPath(gatewayDll)], port, database, BootstrapToken, []);
var gatewayUrl = new Uri($"http://127.0.0.1:{port}");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(2) };
try
{
    await GatewayLauncher.WaitHealthyAsync(http, gatewayUrl, gateway, TimeSpan.FromSeconds(60));
    var key = await ProvisionAsync(http, gatewayUrl, upstream.BaseUrl, "bench", "both");
    var convertingKey = await ProvisionAsync(http, gatewayUrl, upstream.BaseUrl, "bench-converted", "responses");
    var direct = new Uri(upstream.BaseUrl + "/v1/chat/completions");
    var through = new Uri(gatewayUrl, "/v1/chat/completions");

    Console.WriteLine($"Gateway overhead benchmark: {seconds:0} s per run after {warmup.TotalSeconds:0} s warm-up, loopback, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
    await LoadRun.RunAsync(http, direct, null, LoadRun.NonStreamBody, 64, warmup);
    await LoadRun.RunAsync(http, through, key, LoadRun.NonStreamBody, 64, warmup);
    var nonStreamDirect = await LoadRun.RunAsync(http, direct, null, LoadRun.NonStreamBody, 64, duration);
    var cpuBefore = CpuTime(gateway);
    var nonStreamGateway = await LoadRun.RunAsync(http, through, key, LoadRun.NonStreamBody, 64, duration);
    var nonStreamCpu = CpuTime(gateway) - cpuBefore;
    Report("Non-stream, 64 connections", nonStreamDirect, nonStreamGateway, nonStreamCpu, "request");

    await LoadRun.RunAsync(http, through, key, LoadRun.StreamBody, 32, warmup);
    var streamDirect = await LoadRun.RunAsync(http, direct, null, LoadRun.StreamBody, 32, duration);
    cpuBefore = CpuTime(gateway);
    var streamGateway = await LoadRun.RunAsync(http, through, key, LoadRun.StreamBody, 32, duration);
    var streamCpu = CpuTime(gateway) - cpuBefore;
    Report($"SSE, 32 concurrent streams of {FakeUpstream.StreamChunks} chunks", streamDirect, streamGateway, streamCpu, "stream");
    ReportFirstByte(streamDirect, streamGateway);

    // Chat in, Responses upstream: the gateway converts every event; compared with the same Responses stream direct.
    await LoadRun.RunAsync(http, through, convertingKey, LoadRun.StreamBody, 32, warmup);
    var convertedDirect = await LoadRun.RunAsync(http, new Uri(upstream.BaseUrl + "/v1/responses"), null, LoadRun.ResponsesStreamBody, 32, duration);
    cpuBefore = CpuTime(gateway);
    var convertedGateway = await LoadRun.RunAsync(http, through, convertingKey, LoadRun.StreamBody, 32, duration);
    var convertedCpu = CpuTime(gateway) - cpuBefore;
    Report($"Converted SSE (Chat in, Responses upstream), 32 concurrent streams of {FakeUpstream.StreamChunks} deltas", convertedDirect, convertedGateway, convertedCpu, "stream");
    ReportFirstByte(convertedDirect, convertedGateway);
    Console.WriteLine($"Gateway peak memory (VmHWM): {PeakMemoryMb(gateway):0.0} MB");
    Console.WriteLine($"Load average at the end: {LoadAverage()} (other processes on the machine share the cores)");
}
finally
{
    gateway.Kill(entireProcessTree: true);
    await gateway.WaitForExitAsync();
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(database + suffix);
    }
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static void Report(string title, LoadResult direct, LoadResult through, TimeSpan cpu, string unit)
{
    Console.WriteLine(title + ":");
    Console.WriteLine($"  direct : {direct.Requests,7} ok {direct.Errors,4} errors {direct.PerSecond,9:0.0}/s  p50 {direct.P50Ms,7:0.00} ms  p99 {direct.P99Ms,7:0.00} ms  ttfb p50 {direct.FirstByteP50Ms:0.00} ms");
    Console.WriteLine($"  gateway: {through.Requests,7} ok {through.Errors,4} errors {through.PerSecond,9:0.0}/s  p50 {through.P50Ms,7:0.00} ms  p99 {through.P99Ms,7:0.00} ms  ttfb p50 {through.FirstByteP50Ms:0.00} ms");
    Console.WriteLine($"  throughput ratio (gateway/direct): {through.PerSecond / direct.PerSecond:0.000}");
    Console.WriteLine($"  added latency: p50 {through.P50Ms - direct.P50Ms:+0.00;-0.00} ms, p99 {through.P99Ms - direct.P99Ms:+0.00;-0.00} ms");
    Console.WriteLine($"  gateway CPU time per {unit}: {cpu.TotalMilliseconds / Math.Max(1, through.Requests):0.000} ms");
}

static void ReportFirstByte(LoadResult direct, LoadResult through) =>
    Console.WriteLine($"  added time to first byte: p50 {through.FirstByteP50Ms - direct.FirstByteP50Ms:+0.00;-0.00} ms, p99 {through.FirstByteP99Ms - direct.FirstByteP99Ms:+0.00;-0.00} ms");

// One group with one account of the given endpoint mode, and a key for it.
static async Task<string> ProvisionAsync(HttpClient http, Uri gateway, string upstreamUrl, string name, string endpointMode)
{
    async Task<JsonObject> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", BootstrapToken);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    var group = await PostAsync("/api/admin/groups", new { name });
    var groupId = group["id"]!.GetValue<long>();
    await PostAsync("/api/admin/accounts", new
    {
        name = $"{name}-upstream",
        platform = "openai-compatible",
        type = "apikey",
        base_url = upstreamUrl,
        api_key = "sk-bench",
        concurrency = 1000,
        endpoint_mode = endpointMode,
        group_ids = new[] { groupId },
    });
    var key = await PostAsync("/api/admin/keys", new { name, group_id = groupId });
    return key["key"]!.GetValue<string>();
}

// The machine may be shared: the figures only mean something next to its load.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static TimeSpan CpuTime(Process process)
{
    process.Refresh();
    return process.TotalProcessorTime;
}

// VmHWM is the peak resident set size, which Process does not expose on Linux.
static double PeakMemoryMb(Process process)
{
    var status = $"/proc/{process.Id}/status";
    if (File.Exists(status))
    {
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is not null && long.TryParse(line[6..].Trim().Split(' ')[0], out var kb))
        {
            return kb / 1024.0;
        }
    }

    process.Refresh();
    return process.PeakWorkingSet64 / (1024.0 * 1024.0);
}
