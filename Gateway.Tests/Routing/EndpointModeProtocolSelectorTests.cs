namespace Gateway.Tests.Routing;

public sealed class EndpointModeProtocolSelectorTests
{
    [Fact]
    public async Task ARememberedSuccess_IsWrittenToTheDatabaseOffTheThreadThatCommitsTheAttempt()
    {
        var cache = new WriteObservingCache();
        // Served reads no setting: the flag only matters when choosing.
        var selector = new EndpointModeProtocolSelector(null!, cache, NullLogger<EndpointModeProtocolSelector>.Instance);
        var plan = new UpstreamProtocolPlan(ApiProtocol.Chat, SwitchAllowed: true, ProtocolChoiceReason.AccountMode, RemembersSuccess: true);

        cache.ServingThread = Environment.CurrentManagedThreadId;
        selector.Served(plan, new Account { Id = 7, Name = "a", BaseUrl = "https://up.example.test" }, "deepseek-chat", ApiProtocol.Chat);
        cache.ServedReturned = true;

        var write = await cache.Stored.Task;
        Assert.Equal(new EndpointCacheWrite(7, "deepseek-chat", ApiProtocol.Chat, DateTime.UnixEpoch), write);
        Assert.False(cache.StoredInline, "the database write ran on the request's thread before Served returned");
    }

    // Records whether StoreAsync began on the serving thread while Served was still running: the inline case only.
    private sealed class WriteObservingCache : IEndpointProtocolCache
    {
        private volatile bool _servedReturned;

        public int ServingThread { get; set; }

        public bool ServedReturned { get => _servedReturned; set => _servedReturned = value; }

        public bool StoredInline { get; private set; }

        public TaskCompletionSource<EndpointCacheWrite> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<ApiProtocol?> GetAsync(long accountId, string model, CancellationToken ct) => ValueTask.FromResult<ApiProtocol?>(null);

        public Task RecordSuccessAsync(long accountId, string model, ApiProtocol protocol, CancellationToken ct) => Task.CompletedTask;

        public EndpointCacheWrite? Remember(long accountId, string model, ApiProtocol protocol) => new(accountId, model, protocol, DateTime.UnixEpoch);

        public Task StoreAsync(EndpointCacheWrite write, CancellationToken ct)
        {
            StoredInline = Environment.CurrentManagedThreadId == ServingThread && !ServedReturned;
            Stored.SetResult(write);
            return Task.CompletedTask;
        }
    }
}
