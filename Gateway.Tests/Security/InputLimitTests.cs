using System.Net;

namespace Gateway.Tests.Security;

/// <summary>Issue 12, "client strings without limits": model names, session keys, the sticky map and suspensions are bounded.</summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task LongModelName_IsRefusedWith400AndNeverStoredOrSent()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("any");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hi"));

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(model: new string('m', 200_000)), requestId: "long-model");
        var error = (await EngineHarness.JsonAsync(response))["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model_too_long", error["code"]!.GetValue<string>());
        Assert.Equal(0, upstream.CountTo(EngineHarness.ChatPath));
        Assert.Equal("", (await gateway.UsageAsync("long-model")).Model);
    }

    [Fact]
    public async Task ModelNameAtTheLimit_IsServed()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("any");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hi"));

        var response = await gateway.PostChatAsync(EngineHarness.ChatBody(model: new string('m', 200)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("session_id")]
    [InlineData("x-session-id")]
    public async Task LongSessionHeader_IsRefusedWith400(string header)
    {
        await using var gateway = await EngineHarness.StartAsync();
        await gateway.AddAccountAsync("any");
        using var request = new HttpRequestMessage(HttpMethod.Post, EngineHarness.ChatPath) { Content = new StringContent(EngineHarness.ChatBody(), Encoding.UTF8, "application/json") };
        request.Headers.Add(header, new string('s', 30_000));

        var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("session_id_too_long", (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(0, gateway.Service<StickySessions>().Count);
    }

    [Fact]
    public async Task LongPreviousResponseId_IsRefusedWith400InTheResponsesShape()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await gateway.AddAccountAsync("any");
        var body = new JsonObject { ["model"] = "gpt-4o", ["input"] = "hi", ["previous_response_id"] = new string('r', 300) }.ToJsonString();

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await EngineHarness.JsonAsync(response))["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void StickyMap_StaysWithinItsSizeCapAndKeepsTheNewestBindings()
    {
        var options = new GatewayOptions { StickySessionMaxEntries = 100 };
        var sticky = new StickySessions(new FakeTimeProvider(TestClock.Start), new FixedOptions<GatewayOptions>(options));

        for (var i = 0; i < 5000; i++)
        {
            sticky.Bind(1, $"session-{i}-" + new string('x', 200), accountId: i);
        }

        Assert.InRange(sticky.Count, 1, 100);
        Assert.Equal(4999, sticky.Find(1, "session-4999-" + new string('x', 200)));
    }

    [Fact]
    public async Task UnknownModelNames_CreateAtMostTheAccountsLimitOfSuspensions()
    {
        await using var gateway = await EngineHarness.StartAsync(("Gateway:MaxModelSuspensionsPerAccount", "3"));
        var (account, upstream) = await gateway.AddAccountAsync("unmapped");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The model does not exist or is not supported.", "invalid_request_error", "model_not_found"));

        for (var i = 0; i < 8; i++)
        {
            await gateway.PostChatAsync(EngineHarness.ChatBody(model: $"invented-model-{i}"));
        }

        Assert.Equal(3, (await gateway.SuspensionsAsync(account.Id)).Count);
    }

    [Fact]
    public void SuspensionsOfAMappedAccount_AreOnlyForModelsItsMappingSends()
    {
        var account = new Account { Name = "mapped", BaseUrl = "https://upstream.example", ModelMapping = new() { ["fast"] = "gpt-4o-mini" } };
        var options = new GatewayOptions();

        Assert.True(ModelSuspensionLimits.CouldServe(account, "gpt-4o-mini", options));
        Assert.False(ModelSuspensionLimits.CouldServe(account, "made-up", options));
        Assert.False(ModelSuspensionLimits.CouldServe(new Account { Name = "any", BaseUrl = "https://upstream.example" }, new string('m', 201), options));
    }

    [Fact]
    public async Task LongValuesOfAnyTable_AreCutToTheirColumnBeforeStorage()
    {
        using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.AuditEntries.Add(new AuditEntry { CreatedAt = DateTime.UtcNow, Action = new string('a', 500), Detail = new string('d', 50_000), Actor = "test" });
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        var stored = await check.AuditEntries.SingleAsync();
        Assert.Equal((100, 2000), (stored.Action.Length, stored.Detail!.Length));
    }
}
