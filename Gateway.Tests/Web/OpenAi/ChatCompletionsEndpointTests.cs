using System.Net;
using Gateway.Tests.Fakes;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Web.OpenAi;

public sealed class ChatCompletionsEndpointTests
{
    [Fact]
    public async Task NonStreamChat_IsForwardedWithTheAccountKeyAndAnsweredWithTheRequestId()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountAsync("a");
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("hello", promptTokens: 11, completionTokens: 13));

        var response = await gateway.PostChatAsync(requestId: "client-req-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("client-req-1", response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("hello", (await EngineHarness.JsonAsync(response))["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        var sent = Assert.Single(upstream.RequestsTo(EngineHarness.ChatPath));
        Assert.Equal("Bearer sk-upstream-a", sent.Headers["Authorization"]);
        var usage = await gateway.UsageAsync("client-req-1");
        Assert.Equal((200, 11, 13, account.Id, 1), (usage.Status, usage.InputTokens, usage.OutputTokens, usage.AccountId!.Value, usage.Attempts));
        Assert.Null(usage.UpstreamModel);
    }
}
