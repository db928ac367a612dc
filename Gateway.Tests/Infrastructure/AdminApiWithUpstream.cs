namespace Gateway.Tests.Infrastructure;

/// <summary>Admin API tests on a gateway shared by the class, each test with its own scripted upstream.</summary>
public abstract class AdminApiWithUpstream(GatewayAppFactory app) : IClassFixture<GatewayAppFactory>, IAsyncLifetime
{
    protected GatewayAppFactory App { get; } = app;

    /// <summary>A client signed in as the admin.</summary>
    protected HttpClient Admin { get; } = app.CreateAdminClient();

    protected ScriptedUpstream Upstream { get; private set; } = null!;

    public async Task InitializeAsync() => Upstream = await ScriptedUpstream.StartAsync();

    public async Task DisposeAsync() => await Upstream.DisposeAsync();
}
