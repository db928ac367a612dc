using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Gateway.BenchShared;

/// <summary>
/// The gateway under test for the soak and the real-client check: <c>dotnet run</c> of Gateway.Web (built beforehand by
/// their script) on a free loopback port, over a temporary SQLite database, with a bootstrap admin token and the
/// settings given; plus the admin API calls that provision and read it.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const string BootstrapToken = "bench-bootstrap-token-of-32-characters";
    private readonly Process _process;
    private readonly string _database;
    private readonly HttpClient _admin;

    private GatewayProcess(Process process, string database, Uri address)
    {
        _process = process;
        _database = database;
        Address = address;
        _admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        _admin.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapToken);
    }

    public Uri Address { get; }

    /// <param name="name">What runs it (<c>soak</c>, <c>clients</c>): the database folder's prefix.</param>
    /// <param name="settings">Gateway options, e.g. <c>("UpstreamIdleTimeout", "00:00:01")</c>, passed as <c>Gateway__*</c>.</param>
    public static async Task<GatewayProcess> StartAsync(string repositoryRoot, string name, IEnumerable<(string Key, string Value)> settings)
    {
        var port = GatewayLauncher.FreePort();
        var database = ChildProcess.NewDatabase(name);
        var process = GatewayLauncher.Start(
            repositoryRoot,
            ["run", "--project", Path.Combine(repositoryRoot, "Gateway.Web"), "-c", "Release", "--no-build", "--no-launch-profile", "--"],
            port,
            database,
            BootstrapToken,
            settings.Select(s => ($"Gateway__{s.Key}", s.Value)));
        var gateway = new GatewayProcess(process, database, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await GatewayLauncher.WaitHealthyAsync(gateway._admin, gateway.Address, process, TimeSpan.FromSeconds(120));
            return gateway;
        }
        catch (TimeoutException)
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>An admin API read, e.g. a page of usage rows.</summary>
    public async Task<JsonObject> GetAsync(string path) => (await _admin.GetFromJsonAsync<JsonObject>(path))!;

    /// <summary>A read as text, e.g. <c>/metrics</c>.</summary>
    public Task<string> GetTextAsync(string path) => _admin.GetStringAsync(path);

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await ChildProcess.StopAsync(_process);
        ChildProcess.DeleteDatabase(_database);
    }

    /// <summary>An admin API write that must succeed, e.g. creating an account; its answer.</summary>
    public async Task<JsonObject> PostAsync(string path, object body)
    {
        var response = await _admin.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
