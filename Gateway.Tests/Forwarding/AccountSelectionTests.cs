using System.Net;

namespace Gateway.Tests.Forwarding;

/// <summary>SPEC 3.2 account selection over real HTTP.</summary>
public sealed class AccountSelectionTests
{
    [Fact]
    public async Task ConcurrencyLimit_HoldsUnderTwentyParallelRequestsAndEveryRequestIsServed()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (a, ua) = await gateway.AddAccountAsync("a", i => i with { Concurrency = 2 });
        var (b, ub) = await gateway.AddAccountAsync("b", i => i with { Concurrency = 3 });

        // The creation-time capability probe is a request too: let it finish before counting concurrency.
        await gateway.SettleProbeAsync(a.Id, null);
        await gateway.SettleProbeAsync(b.Id, null);
        var slow = UpstreamReply.ChatCompletion("ok") with { Delay = TimeSpan.FromMilliseconds(150) };
        ua.On(EngineHarness.ChatPath, slow);
        ub.On(EngineHarness.ChatPath, slow);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.PostChatAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.InRange(ua.MaxConcurrent, 1, 2);
        Assert.InRange(ub.MaxConcurrent, 1, 3);
        Assert.Equal(20, ua.CountTo(EngineHarness.ChatPath) + ub.CountTo(EngineHarness.ChatPath));
        var pool = gateway.Service<AccountPool>();
        Assert.Equal((0, 0), (pool.Find(a.Id)!.InFlight, pool.Find(b.Id)!.InFlight));
    }

    [Fact]
    public async Task LowerPriority_WinsWhileItIsAvailable()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, low) = await gateway.AddAccountAsync("preferred", i => i with { Priority = 5 });
        var (_, high) = await gateway.AddAccountAsync("backup", i => i with { Priority = 90 });
        low.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("preferred"));
        high.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("backup"));

        for (var i = 0; i < 3; i++)
        {
            await gateway.PostChatAsync();
        }

        Assert.Equal((3, 0), (low.CountTo(EngineHarness.ChatPath), high.CountTo(EngineHarness.ChatPath)));
    }

    [Fact]
    public async Task SameAccountPriority_SpreadsByLeastRecentlyUsed()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a, _, b) = await AddTwoAnsweringTheirNamesAsync(gateway);

        for (var i = 0; i < 4; i++)
        {
            await gateway.PostChatAsync();
            gateway.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal((2, 2), (a.CountTo(EngineHarness.ChatPath), b.CountTo(EngineHarness.ChatPath)));
    }

    [Fact]
    public async Task StickySession_PrefersTheAccountThatServedTheSessionAndFallsBackWhenItIsUnavailable()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (accountA, _, accountB, _) = await AddTwoAnsweringTheirNamesAsync(gateway);
        Task<string> SendAsync() => SendWithSessionAsync(gateway, "session_id", "conversation-1");

        var first = await SendAsync();
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await SendAsync());
        }

        Assert.All(answers, answer => Assert.Equal(first, answer));

        var served = first == "a" ? accountA : accountB;
        await gateway.Service<AccountAdminService>().SetEnabledAsync(served.Id, false, "test", CancellationToken.None);
        await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
        Assert.NotEqual(first, await SendAsync());
    }

    /// <param name="hoursLater">
    /// 2: the sticky session (1 h) and the memory of the response's account (10 min) are gone, and only the usage row of
    /// the first turn knows the account that made it.
    /// </param>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task AResponsesConversation_IsContinuedThroughPreviousResponseId_OnTheAccountThatMadeIt(int hoursLater)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, a) = await gateway.AddAccountAsync("a");
        var (_, b) = await gateway.AddAccountAsync("b");
        a.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_from_a","object":"response","output":[]}"""));
        b.On(EngineHarness.ResponsesPath, UpstreamReply.Json("""{"id":"resp_from_b","object":"response","output":[]}"""));
        var first = (await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"hi"}""", requestId: "first")))["id"]!.GetValue<string>();
        await gateway.UsageAsync("first");

        gateway.Time.Advance(TimeSpan.FromHours(hoursLater));
        var follow = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = $$"""{"model":"gpt-4o","input":"more","previous_response_id":"{{first}}"}""";
            follow.Add((await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, body)))["id"]!.GetValue<string>());
        }

        Assert.All(follow, id => Assert.Equal(first, id));
    }

    [Fact]
    public async Task StickySession_ExpiresAfterItsTtl()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await AddTwoAnsweringTheirNamesAsync(gateway);
        var sticky = gateway.Service<StickySessions>();

        await SendWithSessionAsync(gateway, "x-session-id", "conversation-ttl");

        // The session is bound once the answer is delivered, which the client may see a moment before.
        await Eventually.TrueAsync(() => Task.FromResult(sticky.Find(gateway.GroupId, "conversation-ttl") is not null), "the session bound");
        gateway.Time.Advance(TimeSpan.FromMinutes(61));

        Assert.Null(sticky.Find(gateway.GroupId, "conversation-ttl"));
    }

    [Fact]
    public async Task UsageBatches_StampLastUseOnTheKeyAndTheAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("ok"));

        await gateway.PostChatAsync(requestId: "stamp-1");
        await gateway.UsageAsync("stamp-1");

        // The stamps follow the batch's insert.
        await Eventually.TrueAsync(async () =>
        {
            await using var db = gateway.App.CreateDbContext();
            return (await gateway.AccountAsync(account.Id)).LastUsedAt is not null && db.ApiKeys.Single().LastUsedAt is not null;
        }, "last-use stamps");
    }

    /// <summary>Accounts "a" and "b" at the same priority, each answering Chat with its own name.</summary>
    private static async Task<(Account A, ScriptedUpstream UpstreamA, Account B, ScriptedUpstream UpstreamB)> AddTwoAnsweringTheirNamesAsync(EngineHarness gateway)
    {
        var (accountA, a) = await gateway.AddAccountAsync("a");
        var (accountB, b) = await gateway.AddAccountAsync("b");
        a.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("a"));
        b.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("b"));
        return (accountA, a, accountB, b);
    }

    /// <summary>A Chat request naming its session in <paramref name="header"/>: the answer's text.</summary>
    private static async Task<string> SendWithSessionAsync(EngineHarness gateway, string header, string session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EngineHarness.ChatPath) { Content = new StringContent(EngineHarness.ChatBody(), Encoding.UTF8, "application/json") };
        request.Headers.Add(header, session);
        var response = (await gateway.Client.SendAsync(request)).EnsureSuccessStatusCode();
        return (await EngineHarness.JsonAsync(response))["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }
}
