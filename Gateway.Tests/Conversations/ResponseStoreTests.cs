namespace Gateway.Tests.Conversations;

/// <summary>SPEC 5.3 and 6: the response store — per key, chained by previous_response_id, size-limited, kept for its retention.</summary>
public sealed class ResponseStoreTests : IDisposable
{
    private const long Key = 7;
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly GatewayAppFactory _app;

    public ResponseStoreTests() => _app = new GatewayAppFactory().WithTimeProvider(_time).WithSetting("Gateway:ResponseStoreMaxItemBytes", "1000");

    private ResponseStore Store => _app.Services.GetRequiredService<ResponseStore>();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AChainOfResponses_LoadsOldestFirst_FromMemoryAtOnceAndFromTheDatabaseLater()
    {
        await RecordAsync("resp_1", null, "Hi, I am Ada.", "Hello Ada.");
        await RecordAsync("resp_2", "resp_1", "I like tea.", "Noted.", flush: false);

        var fromMemory = await Store.LoadAsync(Key, new ConversationReferences("resp_2", []), default);
        await Store.WrittenAsync();
        var fromDatabase = await Store.LoadAsync(Key, new ConversationReferences("resp_2", []), default);

        foreach (var history in new[] { fromMemory, fromDatabase })
        {
            Assert.Equal(["Hi, I am Ada.", "Hello Ada.", "I like tea.", "Noted."], history.PreviousItems!.Select(Text));
            Assert.Equal("resp_1", history.ConversationId);
        }

        await using var db = _app.CreateDbContext();
        Assert.Equal("resp_1", (await db.StoredResponses.SingleAsync(r => r.Id == "resp_2")).ConversationId);
    }

    [Fact]
    public async Task AForkedConversation_LoadsOnlyTheBranchContinued_WrittenOrStillInMemory()
    {
        await RecordAsync("resp_1", null, "Hi, I am Ada.", "Hello Ada.");
        await RecordAsync("resp_2a", "resp_1", "I like tea.", "Noted.");
        await RecordAsync("resp_2b", "resp_1", "I like coffee.", "Noted too.");
        await RecordAsync("resp_3b", "resp_2b", "Black.", "Strong.", flush: false);

        var history = await Store.LoadAsync(Key, new ConversationReferences("resp_3b", []), default);

        Assert.Equal(["Hi, I am Ada.", "Hello Ada.", "I like coffee.", "Noted too.", "Black.", "Strong."], history.PreviousItems!.Select(Text));
    }

    [Fact]
    public async Task ItemReferences_FindStoredItemsById_OnlyForTheSameKey()
    {
        await RecordAsync("resp_1", null, "Hi", "Hello.");

        var mine = await Store.LoadAsync(Key, new ConversationReferences(null, ["msg_resp_1", "msg_nope"]), default);
        var theirs = await Store.LoadAsync(Key + 1, new ConversationReferences("resp_1", ["msg_resp_1"]), default);

        Assert.Equal(["msg_resp_1"], mine.ReferencedItems.Keys);
        Assert.Equal("Hello.", Text(mine.ReferencedItems["msg_resp_1"]));
        Assert.Null(theirs.PreviousItems);
        Assert.Empty(theirs.ReferencedItems);
    }

    [Fact]
    public async Task AResponseWithAnItemOverTheSizeLimit_IsNotStored()
    {
        await RecordAsync("resp_big", null, new string('x', 2000), "ok");

        Assert.Null((await Store.LoadAsync(Key, new ConversationReferences("resp_big", []), default)).PreviousItems);
        await using var db = _app.CreateDbContext();
        Assert.False(await db.StoredResponses.AnyAsync());
    }

    [Fact]
    public async Task ContinuingAConversation_RestartsItsRetention_AndTheJobPurgesOnlyWhatExpired()
    {
        await RecordAsync("resp_old", null, "Forgotten", "Gone.");
        await RecordAsync("resp_1", null, "Hi", "Hello.");
        _time.Advance(TimeSpan.FromHours(20));
        await RecordAsync("resp_2", "resp_1", "Again", "Still here.");
        _time.Advance(TimeSpan.FromHours(5));

        var run = await AdminJobs.RunNowAsync(_app, "response-store-retention");

        Assert.Equal("succeeded", run["last_outcome"]!.GetValue<string>());
        Assert.Null((await Store.LoadAsync(Key, new ConversationReferences("resp_old", []), default)).PreviousItems);
        Assert.Equal(4, (await Store.LoadAsync(Key, new ConversationReferences("resp_2", []), default)).PreviousItems!.Count);
        await using var db = _app.CreateDbContext();
        Assert.Equal(["resp_1", "resp_2"], await db.StoredResponses.Select(r => r.Id).OrderBy(id => id).ToListAsync());
        Assert.Equal(4, await db.StoredResponseItems.CountAsync());
    }

    [Theory]
    [InlineData("previous_response_id")]
    [InlineData("item_reference")]
    public async Task AContinuationThatIsNotStored_StillRestartsTheRetentionOfWhatItDrawsOn(string by)
    {
        await RecordAsync("resp_1", null, "Hi", "Hello.");
        _time.Advance(TimeSpan.FromHours(20));
        var references = by == "previous_response_id" ? new ConversationReferences("resp_1", []) : new ConversationReferences(null, ["msg_resp_1"]);

        // Loaded and answered, but not recorded: the client said store: false, or an account speaking Responses served it.
        Assert.True((await Store.LoadAsync(Key, references, default)).FoundStoredState);
        await Store.WrittenAsync();
        _time.Advance(TimeSpan.FromHours(5));

        Assert.Equal(2, (await Store.LoadAsync(Key, new ConversationReferences("resp_1", []), default)).PreviousItems?.Count);
    }

    [Fact]
    public async Task AnExpiredResponse_IsUnknownEvenBeforeThePurge()
    {
        await RecordAsync("resp_1", null, "Hi", "Hello.");
        _time.Advance(TimeSpan.FromHours(25));

        Assert.Null((await Store.LoadAsync(Key, new ConversationReferences("resp_1", []), default)).PreviousItems);
    }

    [Fact]
    public async Task ARetentionOfZero_StoresNothing()
    {
        using var app = new GatewayAppFactory().WithTimeProvider(_time).WithSetting("Gateway:ResponseStoreRetention", "00:00:00");
        var store = app.Services.GetRequiredService<ResponseStore>();

        store.Record(new ConversationTurn(Key, "resp_1", [], [new JsonObject { ["id"] = "msg_1", ["type"] = "message" }]));
        await store.WrittenAsync();

        Assert.Null((await store.LoadAsync(Key, new ConversationReferences("resp_1", []), default)).PreviousItems);
        await using var db = app.CreateDbContext();
        Assert.False(await db.StoredResponses.AnyAsync());
    }

    private async Task RecordAsync(string id, string? previous, string said, string answered, bool flush = true)
    {
        var continues = previous is null ? null : await Store.LoadAsync(Key, new ConversationReferences(previous, []), default);
        var turn = new ConversationTurn(
            Key,
            id,
            [new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = said }],
            [new JsonObject { ["id"] = $"msg_{id}", ["type"] = "message", ["role"] = "assistant", ["content"] = answered }])
        { Continues = continues };
        Store.Record(turn);
        if (flush)
        {
            await Store.WrittenAsync();
        }
    }

    private static string Text(string item) => JsonNode.Parse(item)!["content"]!.GetValue<string>();
}
