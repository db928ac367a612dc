namespace Gateway.Tests.Protocols;

public sealed class AnswerModelTests
{
    private const string Client = "claude-sonnet-5";
    private const string Upstream = "claude-sonnet-4-5";

    [Theory]
    [InlineData(ApiProtocol.Chat)]
    [InlineData(ApiProtocol.Responses)]
    [InlineData(ApiProtocol.Messages)]
    public void AnAccountThatSendsTheClientsName_RenamesNothing(ApiProtocol protocol) =>
        Assert.Null(AnswerModel.For(protocol, Client, Client));

    [Theory]
    [InlineData(ApiProtocol.Chat, """{"id":"c","object":"chat.completion","model":"claude-sonnet-4-5","choices":[{"index":0,"message":{"role":"assistant","content":"model"}}]}""")]
    [InlineData(ApiProtocol.Responses, """{"id":"r","object":"response","status":"completed","model":"claude-sonnet-4-5-20250929","output":[]}""")]
    [InlineData(ApiProtocol.Messages, """{"id":"m","type":"message","role":"assistant","content":[{"type":"text","text":"hi"}],"model":"x","stop_reason":"end_turn"}""")]
    public void AWholeAnswer_NamesTheClientsModel_AndKeepsEveryOtherByte(ApiProtocol protocol, string answer)
    {
        var renamed = Rename(protocol).Rename(Encoding.UTF8.GetBytes(answer));

        var node = JsonNode.Parse(renamed)!.AsObject();
        Assert.Equal(Client, node["model"]!.GetValue<string>());
        node["model"] = JsonNode.Parse(answer)!["model"]!.GetValue<string>();
        Assert.Equal(answer, node.ToJsonString());
    }

    [Theory]
    [InlineData(ApiProtocol.Chat, null, """{"id":"c","object":"chat.completion.chunk","created":1,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"hi"}}]}""")]
    [InlineData(ApiProtocol.Responses, "response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"r","output":[{"model":"kept"}],"model":"claude-sonnet-4-5","status":"in_progress"}}""")]
    [InlineData(ApiProtocol.Responses, "response.completed", """{"type":"response.completed","sequence_number":9,"response":{"id":"r","model":"claude-sonnet-4-5","status":"completed"}}""")]
    [InlineData(ApiProtocol.Responses, "response.failed", """{"type":"response.failed","sequence_number":3,"response":{"id":"r","model":"claude-sonnet-4-5","status":"failed"}}""")]
    [InlineData(ApiProtocol.Messages, "message_start", """{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","usage":{"input_tokens":3}}}""")]
    [InlineData(ApiProtocol.Responses, null, """{"type":"response.created","response":{"id":"r","model":"claude-sonnet-4-5"}}""")]
    [InlineData(ApiProtocol.Messages, null, """{"type":"message_start","message":{"id":"m","model":"claude-sonnet-4-5"}}""")]
    public void AStreamEventThatNamesTheModel_NamesTheClientsOne(ApiProtocol protocol, string? type, string data)
    {
        var renamed = Rename(protocol).Rename(new SseEvent(type, Encoding.UTF8.GetBytes(data)));

        Assert.Equal(type, renamed.EventType);
        Assert.Equal(data.Replace($"\"model\":\"{Upstream}\"", $"\"model\":\"{Client}\"", StringComparison.Ordinal), renamed.Data);
    }

    [Theory]
    [InlineData(ApiProtocol.Chat, null, "[DONE]")]
    [InlineData(ApiProtocol.Chat, null, """{"error":{"message":"overloaded"}}""")]
    [InlineData(ApiProtocol.Chat, null, """{"id":"c","choices":[{"delta":{"model":"in a delta"}}]}""")]
    [InlineData(ApiProtocol.Chat, null, """{"id":"c","model":null}""")]
    [InlineData(ApiProtocol.Chat, null, """{"id":"c","model":"cut""")]
    [InlineData(ApiProtocol.Responses, "response.output_text.delta", """{"type":"response.output_text.delta","model":"claude-sonnet-4-5","delta":"hi"}""")]
    [InlineData(ApiProtocol.Responses, "response.created", """{"type":"response.created","model":"claude-sonnet-4-5","response":"not an object"}""")]
    [InlineData(ApiProtocol.Responses, null, """{"type":"response.output_text.delta","model":"claude-sonnet-4-5","delta":"hi"}""")]
    [InlineData(ApiProtocol.Messages, null, """{"type":"content_block_start","index":0,"content_block":{"type":"text","model":"claude-sonnet-4-5"}}""")]
    [InlineData(ApiProtocol.Messages, "content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\"model\":\"x\""}}""")]
    [InlineData(ApiProtocol.Messages, "message_start", """{"type":"message_start","model":"top level","message":{"id":"m","model":7}}""")]
    public void AnEventThatNamesNoModelWhereItsProtocolDoes_IsLeftAsItCame(ApiProtocol protocol, string? type, string data)
    {
        var upstream = new SseEvent(type, Encoding.UTF8.GetBytes(data));

        Assert.Equal(upstream, Rename(protocol).Rename(upstream));
    }

    [Fact]
    public void EscapedNames_AreReplacedWhole_AndWrittenAsValidJson()
    {
        var renamed = AnswerModel.For(ApiProtocol.Chat, "a \"quoted\" mödel/</", Upstream)!.Rename("""{"model":"claude\u002Dsonnet\"4\"","id":"c"}"""u8);

        var node = JsonNode.Parse(renamed)!;
        Assert.Equal("a \"quoted\" mödel/</", node["model"]!.GetValue<string>());
        Assert.Equal("c", node["id"]!.GetValue<string>());
    }

    private static AnswerModel Rename(ApiProtocol protocol) => AnswerModel.For(protocol, Client, Upstream)!;
}
