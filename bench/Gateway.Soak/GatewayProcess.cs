using System.Net.Http.Json;
using Gateway.BenchShared;

namespace Gateway.Soak;

/// <summary>
/// The gateway under test: <c>dotnet run</c> of Gateway.Web (built beforehand by the script) on a free loopback port,
/// over a temporary SQLite database, with a bootstrap admin token and the soak's short cooldowns; plus the admin API
/// calls that provision it.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private const string BootstrapToken = "soak-bootstrap-token-of-32-characters";
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

    /// <param name="settings">Gateway options, e.g. <c>("UpstreamIdleTimeout", "00:00:01")</c>, passed as <c>Gateway__*</c>.</param>
    public static async Task<GatewayProcess> StartAsync(string repositoryRoot, IEnumerable<(string Key, string Value)> settings)
    {
        var port = GatewayLauncher.FreePort();
        var database = Path.Combine(Path.GetTempPath(), $"gateway-soak-{Guid.NewGuid():N}.db");
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

    /// <summary>A group, one account per upstream in it, and a client key for it; returns the key.</summary>
    public async Task<string> ProvisionAsync(IReadOnlyList<(FakeUpstream Upstream, AccountRole Role)> accounts)
    {
        var group = await PostAsync("/api/admin/groups", new { name = "soak" });
        var groupId = group["id"]!.GetValue<long>();
        foreach (var (upstream, role) in accounts)
        {
            await PostAsync("/api/admin/accounts", new
            {
                name = upstream.Name,
                platform = role.Platform,
                type = "apikey",
                base_url = upstream.BaseUrl,
                api_key = "sk-soak",
                concurrency = 64,
                priority = role.Priority,
                endpoint_mode = role.EndpointMode,
                passthrough = role.Passthrough,
                pool_mode = role.PoolMode,
                group_ids = new[] { groupId },
            });
        }

        var key = await PostAsync("/api/admin/keys", new { name = "soak", group_id = groupId });
        return key["key"]!.GetValue<string>();
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

    private async Task<JsonObject> PostAsync(string path, object body)
    {
        var response = await _admin.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
