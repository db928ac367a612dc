namespace Gateway.Bench;

/// <summary>
/// This program serving in a process of its own (the fake upstream, or the bare pass-through), so it can be pinned and
/// measured apart.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <param name="serveArgument">What the program serves, e.g. <see cref="FakeUpstream.ServeArgument"/>; the port follows it, then <paramref name="more"/>.</param>
    public static async Task<ServerProcess> StartAsync(string? cpus, string name, string serveArgument, params string[] more)
    {
        var port = GatewayLauncher.FreePort();
        var command = new[] { "dotnet", typeof(ServerProcess).Assembly.Location, serveArgument, port.ToString(CultureInfo.InvariantCulture) }.Concat(more).ToArray();
        var process = Process.Start(Pinning.StartInfo(cpus, command)) ?? throw new InvalidOperationException($"{name} did not start.");
        var server = new ServerProcess(process, port);
        await Listening.WaitAsync(port, process, name);
        return server;
    }

    public ValueTask DisposeAsync() => new(ChildProcess.StopAsync(_process));
}
