using System.Net.Http.Headers;
using Gateway.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real host over a fresh SQLite file per instance. Settings are passed with <c>UseSetting</c> so
/// they are visible while <c>Program</c> builds its services.
/// </summary>
public class GatewayAppFactory : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "test-bootstrap-token";

    private readonly Dictionary<string, string?> _settings = [];

    public GatewayAppFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), "gateway-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _settings["ConnectionStrings:Gateway"] = $"Data Source={DatabasePath}";
        _settings["Admin:BootstrapToken"] = BootstrapToken;
    }

    public string DatabasePath { get; }

    /// <summary>Errors and exceptions the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Adds or overrides a configuration value; call before the host starts.</summary>
    public GatewayAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client that authenticates with the bootstrap admin token.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapToken);
        return client;
    }

    /// <summary>Starts the host on a real loopback port (for browsers and streaming clients) and answers its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A database context over the same file the host uses.</summary>
    public GatewayDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner.
            }
        }
    }
}
