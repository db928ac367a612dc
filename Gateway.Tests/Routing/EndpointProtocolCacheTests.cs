namespace Gateway.Tests.Routing;

public sealed class EndpointProtocolCacheTests : GatewayPerTest
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task RecordedSuccess_IsServedForTwentyFourHours_AndStoredInTheDatabase()
    {
        var accountId = await AddAccountAsync();
        var cache = NewInstance();
        var before = Now;

        await cache.RecordSuccessAsync(accountId, "deepseek-chat", ApiProtocol.Chat, default);

        Assert.Equal(ApiProtocol.Chat, await cache.GetAsync(accountId, "deepseek-chat", default));
        Assert.Null(await cache.GetAsync(accountId, "other-model", default));
        await using var db = App.CreateDbContext();
        var row = await db.EndpointCacheEntries.SingleAsync();
        Assert.Equal((accountId, "deepseek-chat", ApiProtocol.Chat), (row.AccountId, row.Model, row.Protocol));
        Assert.InRange(row.ExpiresAt, before.AddHours(24), Now.AddHours(24));

        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.Null(await cache.GetAsync(accountId, "deepseek-chat", default));
    }

    [Fact]
    public async Task AnotherInstance_SeesTheEntry_AfterItsRefreshInterval_AndARestartedOneAtOnce()
    {
        var accountId = await AddAccountAsync();
        var writer = NewInstance();
        var reader = NewInstance();
        Assert.Null(await reader.GetAsync(accountId, "m", default));

        await writer.RecordSuccessAsync(accountId, "m", ApiProtocol.Responses, default);

        Assert.Null(await reader.GetAsync(accountId, "m", default));
        _time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => await reader.GetAsync(accountId, "m", default) == ApiProtocol.Responses, "the reload in the background");
        Assert.Equal(ApiProtocol.Responses, await NewInstance().GetAsync(accountId, "m", default));
    }

    [Fact]
    public async Task ConfirmingAFreshEntry_DoesNotWriteAgain_UntilHalfItsLifetimeHasPassed()
    {
        var accountId = await AddAccountAsync();
        var cache = NewInstance();
        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default);
        var firstExpiry = await ExpiryAsync();

        _time.Advance(TimeSpan.FromHours(1));
        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default);
        Assert.Equal(firstExpiry, await ExpiryAsync());

        _time.Advance(TimeSpan.FromHours(12));
        var before = Now;
        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default);
        Assert.InRange(await ExpiryAsync(), before.AddHours(24), Now.AddHours(24));
    }

    [Fact]
    public async Task ADifferentProtocolSucceeding_ReplacesTheEntry()
    {
        var accountId = await AddAccountAsync();
        var cache = NewInstance();
        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Responses, default);

        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default);

        Assert.Equal(ApiProtocol.Chat, await cache.GetAsync(accountId, "m", default));
        await using var db = App.CreateDbContext();
        Assert.Equal(ApiProtocol.Chat, (await db.EndpointCacheEntries.SingleAsync()).Protocol);
    }

    [Fact]
    public async Task TwoInstancesRecordingTheSameKey_LeaveOneRow()
    {
        var accountId = await AddAccountAsync();

        await Task.WhenAll(NewInstance().RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default), NewInstance().RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default));

        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.EndpointCacheEntries.CountAsync());
    }

    [Fact]
    public async Task ConnectionChange_ForgetsTheAccountsEntries()
    {
        var accountId = await AddAccountAsync();
        var otherId = await AddAccountAsync();
        var cache = NewInstance();
        await cache.RecordSuccessAsync(accountId, "m", ApiProtocol.Chat, default);
        await cache.RecordSuccessAsync(otherId, "m", ApiProtocol.Chat, default);

        cache.OnAccountChanged(new AccountChange(accountId, AccountChangeKind.ConnectionChanged));

        Assert.Null(await cache.GetAsync(accountId, "m", default));
        Assert.Equal(ApiProtocol.Chat, await cache.GetAsync(otherId, "m", default));
        await using var db = App.CreateDbContext();
        await Eventually.TrueAsync(async () => !await db.EndpointCacheEntries.AnyAsync(e => e.AccountId == accountId), "the forgotten entry's removal");

        Assert.Equal([otherId], await db.EndpointCacheEntries.Select(e => e.AccountId).ToListAsync());
    }

    [Fact]
    public async Task ASuccessOnTheRequestPath_IsInMemoryAtOnce_WrittenOffTheRequestsThread_AndShutdownWaitsForTheWrite()
    {
        var accountId = await AddAccountAsync();
        var factory = new ThreadObservingFactory(App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>());
        var cache = NewInstance(factory);

        factory.ServingThread = Environment.CurrentManagedThreadId;
        cache.RecordSuccess(accountId, "m", ApiProtocol.Responses);
        factory.ServingReturned = true;
        Assert.Equal(ApiProtocol.Responses, await cache.GetAsync(accountId, "m", default));
        await cache.StopAsync(default);

        Assert.False(factory.OpenedInline, "the database was opened on the request's thread before RecordSuccess returned");
        await using var db = App.CreateDbContext();
        Assert.Equal(ApiProtocol.Responses, (await db.EndpointCacheEntries.SingleAsync(e => e.AccountId == accountId)).Protocol);
    }

    [Fact]
    public void TheHost_RegistersOneCacheThatListensToAccountChanges_AndWaitsForItsWritesWhenItStops()
    {
        var cache = App.Services.GetRequiredService<IEndpointProtocolCache>();

        Assert.Contains(App.Services.GetServices<IAccountChangeListener>(), listener => ReferenceEquals(listener, cache));
        Assert.Contains(App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), service => ReferenceEquals(service, cache));
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private EndpointProtocolCache NewInstance(IDbContextFactory<GatewayDbContext>? factory = null) => new(
        factory ?? App.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>(),
        App.Services.GetRequiredKeyedService<ResiliencePipeline>(ResiliencePipelineNames.StorageWrite),
        App.Services.GetRequiredService<IOptionsMonitor<GatewayOptions>>(),
        _time,
        NullLogger<EndpointProtocolCache>.Instance);

    private async Task<long> AddAccountAsync()
    {
        await using var db = App.CreateDbContext();
        var account = new Account { Name = $"acc-{Guid.NewGuid():N}", BaseUrl = "https://api.example.test" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    private async Task<DateTime> ExpiryAsync()
    {
        await using var db = App.CreateDbContext();
        return (await db.EndpointCacheEntries.SingleAsync()).ExpiresAt;
    }

    // Records whether a context was opened on the serving thread while RecordSuccess was still running: the inline case only.
    private sealed class ThreadObservingFactory(IDbContextFactory<GatewayDbContext> inner) : IDbContextFactory<GatewayDbContext>
    {
        private volatile bool _servingReturned;

        public int ServingThread { get; set; }

        public bool ServingReturned { get => _servingReturned; set => _servingReturned = value; }

        public bool OpenedInline { get; private set; }

        public GatewayDbContext CreateDbContext()
        {
            OpenedInline |= Environment.CurrentManagedThreadId == ServingThread && !ServingReturned;
            return inner.CreateDbContext();
        }
    }
}
