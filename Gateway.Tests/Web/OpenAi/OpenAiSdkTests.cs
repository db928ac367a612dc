namespace Gateway.Tests.Web.OpenAi;

/// <summary>The official OpenAI .NET SDK (2.15.0) as the client, through failover.</summary>
public sealed class OpenAiSdkTests
{
    [Fact]
    public async Task OfficialSdk_NonStreamingChatIsServedThroughFailover()
    {
        await using var gateway = await FailingOverToAsync(UpstreamReply.Error(503, "down", "server_error"), UpstreamReply.ChatCompletion("Hello from the SDK test", promptTokens: 9, completionTokens: 4));

        ChatCompletion completion = await Client(gateway).CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal("Hello from the SDK test", completion.Content[0].Text);
        Assert.Equal(9, completion.Usage.InputTokenCount);
    }

    [Fact]
    public async Task OfficialSdk_StreamingChatReceivesEveryDeltaAndUsage()
    {
        await using var gateway = await FailingOverToAsync(UpstreamReply.Error(429, "slow", "rate_limit_error"), UpstreamReply.ChatStream(["Hel", "lo ", "SDK"], promptTokens: 3, completionTokens: 3));

        var text = "";
        ChatTokenUsage? usage = null;
        await foreach (var update in Client(gateway).CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }

        Assert.Equal("Hello SDK", text);
        Assert.Equal(3, usage?.OutputTokenCount);
    }

    /// <summary>A gateway whose first account fails with <paramref name="failure"/> and whose second answers <paramref name="answer"/>.</summary>
    private static async Task<EngineHarness> FailingOverToAsync(UpstreamReply failure, UpstreamReply answer)
    {
        var gateway = await EngineHarness.StartAsync();
        var (_, broken, healthy) = await gateway.AddFailingThenHealthyAsync("broken");
        broken.On(EngineHarness.ChatPath, failure);
        healthy.On(EngineHarness.ChatPath, answer);
        return gateway;
    }

    private static ChatClient Client(EngineHarness gateway) =>
        new("gpt-4o", new ApiKeyCredential(gateway.Key), new OpenAIClientOptions { Endpoint = new Uri(gateway.Address, "/v1") });
}
