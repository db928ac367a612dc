namespace Gateway.Bench;

/// <summary>
/// A gateway under load: its own process (pinned with the upstream when asked) over a temporary SQLite database,
/// provisioned with a key for a same-protocol account and one for a converting account on the fake upstream.
/// </summary>
internal sealed class GatewayTarget : IAsyncDisposable
{
    private const string BootstrapToken = "bench-bootstrap-token-of-32-characters";
    private readonly Process _process;
    private readonly string _database;

    private GatewayTarget(string name, Process process, string database, Uri url, GatewayAdmin admin)
    {
        Name = name;
        _process = process;
        _database = database;
        Url = url;
        Admin = admin;
        Stats = new ProcessStats([process.Id]);
    }

    public string Name { get; }

    public Uri Url { get; }

    public GatewayAdmin Admin { get; }

    public ProcessStats Stats { get; }

    public int ProcessId => _process.Id;

    /// <summary>Key of a group whose account speaks Chat and Responses (no conversion).</summary>
    public string Key { get; private set; } = "";

    /// <summary>Key of a group whose account speaks only Responses (a Chat client's stream is converted).</summary>
    public string ConvertingKey { get; private set; } = "";

    public static async Task<GatewayTarget> StartAsync(string name, string dll, string upstreamUrl, string? cpus, HttpClient http)
    {
        var port = GatewayLauncher.FreePort();
        var database = ChildProcess.NewDatabase("bench");

        // Errors (a full usage queue, say) reach the bench's error output, prefixed with the target's name.
        var process = GatewayLauncher.Start(Path.GetDirectoryName(dll)!, [dll], port, database, BootstrapToken, [("Logging__Console__LogToStandardErrorThreshold", "Error")], cpus, name);
        var url = new Uri($"http://127.0.0.1:{port}");
        var target = new GatewayTarget(name, process, database, url, new GatewayAdmin(http, url, BootstrapToken));
        await GatewayLauncher.WaitHealthyAsync(http, url, process, TimeSpan.FromSeconds(60));
        target.Key = await target.Admin.ProvisionAsync(upstreamUrl, "bench", "both");
        target.ConvertingKey = await target.Admin.ProvisionAsync(upstreamUrl, "bench-converted", "responses");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(_process);
        ChildProcess.DeleteDatabase(_database);
    }
}
