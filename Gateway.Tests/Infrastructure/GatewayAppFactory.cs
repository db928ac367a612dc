using System.Net.Http.Headers;
using Gateway.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real host over a fresh SQLite file per instance. Settings are passed with <c>UseSetting</c> so
/// they are visible while <c>Program</c> builds its services.
/// </summary>
public class GatewayAppFactory : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "test-bootstrap-token";

    private readonly Dictionary<string, string?> _settings = [];
    private readonly bool _ownsDatabase;

    public GatewayAppFactory()
        : this(Path.Combine(Path.GetTempPath(), "gateway-tests", $"{Guid.NewGuid():N}.db"), ownsDatabase: true)
    {
    }

    private GatewayAppFactory(string databasePath, bool ownsDatabase)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _settings["ConnectionStrings:Gateway"] = $"Data Source={DatabasePath}";
        _settings["Admin:BootstrapToken"] = BootstrapToken;
    }

    public string DatabasePath { get; }

    /// <summary>
    /// Another host over <paramref name="owner"/>'s database file, e.g. the same gateway after a restart;
    /// the file is left for <paramref name="owner"/> to delete.
    /// </summary>
    public static GatewayAppFactory SharingDatabaseOf(GatewayAppFactory owner) => new(owner.DatabasePath, ownsDatabase: false);

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

    /// <summary>A database context over the same file the host uses.</summary>
    public GatewayDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDatabase)
        {
            return;
        }

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
