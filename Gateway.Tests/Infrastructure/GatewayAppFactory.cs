using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The real host over a fresh SQLite file per instance (and the job store's file beside it). Settings are passed with <c>UseSetting</c> so
/// they are visible while <c>Program</c> builds its services.
/// </summary>
public class GatewayAppFactory : WebApplicationFactory<Program>
{
    public const string BootstrapToken = "test-bootstrap-token-of-32-characters";

    private readonly Dictionary<string, string?> _settings = [];
    private readonly bool _ownsDatabase;
    private TimeProvider? _time;
    private Action<IServiceCollection>? _services;

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

        // One generated key-ring key for every test host, instead of one per database.
        _settings["Security:KeyRing:KeyFilePath"] = SharedKeyFile;

        // Fake token endpoints listen on plain http on loopback, as in Development.
        _settings["Security:AllowHttpLoopbackTokenUrl"] = "true";

        // Tests wait for the jobs they trigger: picked up within a second rather than the default's five.
        _settings["Gateway:JobPollInterval"] = "00:00:01";
    }

    public string DatabasePath { get; }

    /// <summary>The key-ring key file the test hosts share (see <c>Security:KeyRing:KeyFilePath</c>).</summary>
    public static string SharedKeyFile { get; } = Path.Combine(Path.GetTempPath(), "gateway-tests", "keyring.pfx");

    /// <summary>
    /// Another host over <paramref name="owner"/>'s database file, e.g. the same gateway after a restart;
    /// the file is left for <paramref name="owner"/> to delete.
    /// </summary>
    public static GatewayAppFactory SharingDatabaseOf(GatewayAppFactory owner) => new(owner.DatabasePath, ownsDatabase: false);

    /// <summary>Errors and exceptions the host logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Adds or overrides a configuration value; call before the host starts.</summary>
    public GatewayAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces the host's <see cref="TimeProvider"/> so tests can move time; call before the host starts.</summary>
    public GatewayAppFactory WithTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <summary>Adds or replaces services after the host's own registrations; call before the host starts.</summary>
    public GatewayAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services += configure;
        return this;
    }

    /// <summary>Starts the host on a real Kestrel loopback port (for streaming and cancellation) and returns its address.</summary>
    public Uri StartRealServer()
    {
        WithSetting("urls", "http://127.0.0.1:0");
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
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
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is { } time)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
        }

        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
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

        var jobStore = JobStorageFactory.SqliteFileBeside($"Data Source={DatabasePath}");
        foreach (var file in new[] { DatabasePath, jobStore }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner.
            }
        }
    }
}
