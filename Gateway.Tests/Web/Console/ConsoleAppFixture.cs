namespace Gateway.Tests.Web.Console;

/// <summary>
/// The real host over a fresh SQLite file, shared by a class of page tests: its database, Identity and
/// services back the pages a bUnit test renders, while the test keeps its own fake clock.
/// </summary>
public sealed class ConsoleAppFixture : IDisposable
{
    public const string AdminEmail = "admin@example.test";

    public GatewayAppFactory App { get; } = new GatewayAppFactory()
        .WithSetting("Admin:Email", AdminEmail)
        .WithSetting("Admin:Password", "Correct-Horse-9");

    /// <summary>How many database contexts the pages opened (each operation opens one).</summary>
    public int ContextsOpened => _counter.Count;

    private readonly CountingDbContextFactory _counter;

    public ConsoleAppFixture()
    {
        _counter = new CountingDbContextFactory(App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>());
    }

    /// <summary>Registers the console's page services over this host's database, with <paramref name="time"/> as their clock.</summary>
    public void AddConsoleServices(IServiceCollection services, TimeProvider time)
    {
        var host = App.Services;
        services.AddSingleton<IDbContextFactory<GatewayDbContext>>(_counter);
        services.AddSingleton(sp => new UsageQueryService(sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>()));
        services.AddSingleton(sp => new AuditQueryService(sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>()));
        services.AddSingleton(sp => new DashboardService(sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>(), time));
        services.AddSingleton(host.GetRequiredService<SettingsService>());
        services.AddSingleton(host.GetRequiredService<IOptionsMonitor<GatewayOptions>>());
        services.AddSingleton(host.GetRequiredService<ConsoleUsers>());
        services.AddSingleton(host.GetRequiredService<AdminTokenService>());
        services.AddSingleton(host.GetRequiredService<JobsOverviewService>());
        services.AddSingleton<GatewayOptionsView>();
        services.AddTransient<UsageViewModel>();
        services.AddTransient<AuditViewModel>();
        services.AddTransient<DashboardViewModel>();
        services.AddTransient<UsersViewModel>();
    }

    public GatewayDbContext CreateDbContext() => App.CreateDbContext();

    public void Dispose() => App.Dispose();

    private sealed class CountingDbContextFactory(IDbContextFactory<GatewayDbContext> inner) : IDbContextFactory<GatewayDbContext>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public GatewayDbContext CreateDbContext()
        {
            Interlocked.Increment(ref _count);
            return inner.CreateDbContext();
        }
    }
}

/// <summary>A bUnit test of a console page over <see cref="ConsoleAppFixture"/>'s host, one host per test class.</summary>
public abstract class ConsolePageTest : ConsoleComponentTest, IClassFixture<ConsoleAppFixture>
{
    protected ConsolePageTest(ConsoleAppFixture fixture)
    {
        Fixture = fixture;
        fixture.AddConsoleServices(Services, Time);
    }

    protected ConsoleAppFixture Fixture { get; }
}
