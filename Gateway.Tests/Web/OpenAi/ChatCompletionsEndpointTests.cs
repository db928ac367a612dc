using System.Net;

namespace Gateway.Tests.Web.OpenAi;

public sealed class ChatCompletionsEndpointTests
{
    [Fact]
    public async Task NonStreamChat_IsForwardedWithTheAccountKeyAndAnsweredWithTheGatewaysTimeOrderedRequestId()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello", promptTokens: 11, completionTokens: 13));

        var response = await gateway.PostChatAsync(requestId: "client-req-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        Assert.StartsWith("req_", requestId);
        Assert.Equal(7, Guid.ParseExact(requestId["req_".Length..], "N").Version);
        Assert.Equal("hello", (await EngineHarness.JsonAsync(response))["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        var sent = Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath));
        Assert.Equal("Bearer sk-upstream-a", sent.Headers["Authorization"]);
        var usage = await gateway.UsageAsync("client-req-1");
        Assert.Equal((requestId, "client-req-1"), (usage.RequestId, usage.ClientRequestId));
        Assert.Equal((200, 11, 13, account.Id, 1), (usage.Status, usage.InputTokens, usage.OutputTokens, usage.AccountId!.Value, usage.Attempts));
        Assert.Null(usage.UpstreamModel);
    }

    /// <summary>Issue 12, "client x-request-ids are not unique per row".</summary>
    [Fact]
    public async Task TwoRequestsWithTheSameClientRequestId_MakeTwoRowsWithDistinctRequestIds()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello"));

        var first = await gateway.PostChatAsync(requestId: "same-id");
        var second = await gateway.PostChatAsync(requestId: "same-id");

        var ids = new[] { first, second }.Select(r => r.Headers.GetValues("x-request-id").Single()).ToList();
        Assert.NotEqual(ids[0], ids[1]);
        var rows = await Eventually.ReturnsAsync(async () =>
        {
            await using var db = gateway.App.CreateDbContext();
            var found = await db.UsageLogs.AsNoTracking().Where(u => u.ClientRequestId == "same-id").ToListAsync();
            return found.Count == 2 ? found : null;
        }, "two usage rows of same-id");
        Assert.Equal(ids.Order(), rows.Select(r => r.RequestId).Order());
    }
}
