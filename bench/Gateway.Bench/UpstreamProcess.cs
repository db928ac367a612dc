namespace Gateway.Bench;

/// <summary>The fake upstream in a process of its own (this program with <c>--serve-upstream</c>), so it can be pinned and measured apart.</summary>
internal sealed class UpstreamProcess : IAsyncDisposable
{
    private readonly Process _process;

    private UpstreamProcess(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<UpstreamProcess> StartAsync(string? cpus)
    {
        var port = GatewayLauncher.FreePort();
        var process = Process.Start(Pinning.StartInfo(cpus, "dotnet", typeof(UpstreamProcess).Assembly.Location, FakeUpstream.ServeArgument, port.ToString(CultureInfo.InvariantCulture))) ?? throw new InvalidOperationException("The fake upstream did not start.");
        var upstream = new UpstreamProcess(process, port);
        await Listening.WaitAsync(port, process, "The fake upstream");
        return upstream;
    }

    public ValueTask DisposeAsync() => new(ChildProcess.StopAsync(_process));
}
