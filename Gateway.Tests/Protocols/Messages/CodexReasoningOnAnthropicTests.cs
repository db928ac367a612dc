namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// Codex (a Responses client asking for <c>reasoning.encrypted_content</c>, <c>store: false</c>) in a tool loop served by an
/// anthropic account, over real HTTP: it sends the reasoning items it got back with the call's output, and Anthropic gets
/// its own signed and redacted thinking back, thinking still on; an OpenAI Responses account of the same pool never gets
/// the gateway's marks.
/// </summary>
public sealed class CodexReasoningOnAnthropicTests
{
    private const string Redacted = """{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"}""";
    private const string Signed = """{"type":"thinking","thinking":"Two cities.","signature":"EqQBCkYI"}""";
    private const string Call = """{"type":"tool_use","id":"toolu_p","name":"weather","input":{"city":"Paris"}}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CodexToolLoopOnAnthropic_KeepsThinkingWithItsSignature_AndRedactedThinking(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, anthropic) = await gateway.AddAnthropicAccountAsync();
        anthropic.On(AnthropicReplies.MessagesPath, FirstAnswer(stream), stream ? AnthropicReplies.TextStream("Paris: 18C.") : AnthropicReplies.Message("end_turn", AnthropicReplies.Text("Paris: 18C.")));

        var output = await PostAsync(gateway, Turn1(stream));
        Assert.Equal(["reasoning", "reasoning", "function_call"], output.Select(i => i!["type"]!.GetValue<string>()));
        Assert.All(output.Take(2), i => Assert.StartsWith("gateway:anthropic:", i!["encrypted_content"]!.GetValue<string>(), StringComparison.Ordinal));
        await PostAsync(gateway, Turn2(Turn1(stream), output));

        var followUp = JsonNode.Parse(anthropic.RequestsTo(AnthropicReplies.MessagesPath)[1].Body)!;
        Assert.Equal("enabled", followUp["thinking"]!["type"]!.GetValue<string>());
        Golden.AssertEqual($$"""{"role":"assistant","content":[{{Redacted}},{{Signed}},{{Call}}]}""", followUp["messages"]![1]);
    }

    [Fact]
    public async Task CodexTurnAfterAnAnthropicAnswer_ReachesAResponsesAccount_WithoutTheReasoningOnlyAnthropicCanRead()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, anthropic) = await gateway.AddAnthropicAccountAsync(i => i with { Priority = 1 });
        var (_, responses) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 2 });
        anthropic.On(AnthropicReplies.MessagesPath, FirstAnswer(stream: false), AnthropicReplies.Error(429, "rate_limit_error", "Slow down"));
        responses.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesAnswer("Paris: 18C."));

        var output = await PostAsync(gateway, Turn1(stream: false));
        var turn2 = Turn2(Turn1(stream: false), output);
        await PostAsync(gateway, turn2);

        var sent = JsonNode.Parse(Assert.Single(responses.RequestsTo(EngineHarness.ResponsesPath)).Body)!;
        turn2["input"]!.AsArray().RemoveAll(i => i!["type"]!.GetValue<string>() == "reasoning");
        Assert.True(JsonNode.DeepEquals(turn2["input"], sent["input"]), sent["input"]!.ToJsonString());
    }

    private static UpstreamReply FirstAnswer(bool stream) => stream
        ? new UpstreamReply { Events = [.. MessagesStreamToChatTests.RedactedThenSignedStream.Select(e => SseStep.Event(JsonNode.Parse(e)!["type"]!.GetValue<string>(), e))] }
        : UpstreamReply.Json($$$"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,
             "content":[{{{Redacted}}},{{{Signed}}},{{{Call}}}],"usage":{"input_tokens":20,"output_tokens":12}}
            """);

    // The first turn as Codex sends it.
    private static JsonObject Turn1(bool stream) => Golden.Parse($$"""
        {"model":"gpt-5-codex","instructions":"You are Codex.","stream":{{(stream ? "true" : "false")}},"store":false,
         "include":["reasoning.encrypted_content"],"reasoning":{"effort":"high","summary":"auto"},
         "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"Weather in Paris?"}]}],
         "tools":[{"type":"function","name":"weather","parameters":{{OpenAiSdkScenarios.WeatherSchema}},"strict":false}]}
        """);

    // The next turn: the first turn's input, the output items Codex got, the call's output.
    private static JsonObject Turn2(JsonObject turn1, JsonArray output)
    {
        var input = turn1["input"]!.AsArray();
        foreach (var item in output)
        {
            input.Add(item!.DeepClone());
        }

        input.Add(Golden.Parse("""{"type":"function_call_output","call_id":"toolu_p","output":"18C"}"""));
        return turn1;
    }

    /// <summary>Sends a turn; the output of the response, read from <c>response.completed</c> when streamed.</summary>
    private static async Task<JsonArray> PostAsync(EngineHarness gateway, JsonObject request)
    {
        using var response = await gateway.PostAsync(EngineHarness.ResponsesPath, request.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var completed = request["stream"]!.GetValue<bool>()
            ? JsonNode.Parse(body.Split('\n').Last(l => l.StartsWith("data: {\"type\":\"response.completed\"", StringComparison.Ordinal))["data: ".Length..])!["response"]!
            : JsonNode.Parse(body)!;
        return completed["output"]!.AsArray();
    }
}
