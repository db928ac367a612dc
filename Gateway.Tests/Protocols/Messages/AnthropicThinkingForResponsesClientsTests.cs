namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// A Responses client served by an anthropic account keeps Anthropic's signed and redacted thinking across turns: the
/// answer's reasoning items carry it in their encrypted content, and the next request gives it back to Anthropic as the
/// same blocks, so thinking stays on in the middle of a tool loop.
/// </summary>
public sealed class AnthropicThinkingForResponsesClientsTests
{
    private const string Turn1 = """{"model":"gpt-client","input":[{"type":"message","role":"user","content":"Weather?"}],"reasoning":{"effort":"high"},"store":false}""";

    private const string AnthropicAnswer = """
        {"id":"msg_abc","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,
         "content":[
           {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"},
           {"type":"thinking","thinking":"Two cities.","signature":"EqQBCkYI"},
           {"type":"tool_use","id":"toolu_p","name":"weather","input":{"city":"Paris"}}],
         "usage":{"input_tokens":20,"output_tokens":12}}
        """;

    private const string ExpectedAssistantTurn = """
        {"role":"assistant","content":[
          {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3p"},
          {"type":"thinking","thinking":"Two cities.","signature":"EqQBCkYI"},
          {"type":"tool_use","id":"toolu_p","name":"weather","input":{"city":"Paris"}}]}
        """;

    [Fact]
    public void ToolLoopAnswer_ComesBackToAnthropic_StartingWithItsOwnThinking_WithThinkingStillOn()
    {
        var converter = NewConverter();
        var response = converter.ConvertResponse(Golden.Parse(AnthropicAnswer));

        var output = response["output"]!.AsArray();
        Assert.Equal(["reasoning", "reasoning", "function_call"], output.Select(i => i!["type"]!.GetValue<string>()));
        Golden.AssertEqual("""[{"type":"summary_text","text":"Two cities."}]""", output[1]!["summary"]);

        var next = NextRequest(output);

        Golden.AssertEqual(ExpectedAssistantTurn, next["messages"]![1]);
        Assert.Equal("enabled", next["thinking"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void StreamedToolLoopAnswer_ComesBackToAnthropic_StartingWithItsOwnThinking_WithThinkingStillOn()
    {
        var converter = NewConverter(stream: true);
        var events = Golden.Stream(converter.CreateStreamConverter(), MessagesStreamToChatTests.RedactedThenSignedStream.Select(MessagesStreamToChatTests.Event));

        var output = JsonNode.Parse(events[^1].Data)!["response"]!["output"]!.AsArray();
        var next = NextRequest(output);

        Golden.AssertEqual(ExpectedAssistantTurn, next["messages"]![1]);
        Assert.Equal("enabled", next["thinking"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void AnthropicsThinking_NeverReachesAChatUpstream_ButAsItsText()
    {
        var output = NewConverter().ConvertResponse(Golden.Parse(AnthropicAnswer))["output"]!.AsArray();

        var chat = Conversions.ToChat(Turn2(output));

        Golden.AssertEqual("""
            [
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":null,"reasoning_content":"Two cities.","tool_calls":[
                {"id":"toolu_p","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_p","content":"18C"}
            ]
            """, chat["messages"]);
    }

    private static IProtocolConverter NewConverter(bool stream = false)
    {
        var converter = Conversions.Create(ApiProtocol.Responses, ApiProtocol.Messages, "gpt-client");
        var request = Golden.Parse(Turn1);
        request["stream"] = stream;
        converter.ConvertRequest(request);
        return converter;
    }

    // The Messages request of the client's next turn: the first turn's input, the output items it got, the tool's output.
    private static JsonObject NextRequest(JsonArray output) =>
        Conversions.Create(ApiProtocol.Responses, ApiProtocol.Messages, "gpt-client").ConvertRequest(Turn2(output));

    private static JsonObject Turn2(JsonArray output)
    {
        var request = Golden.Parse(Turn1);
        var input = request["input"]!.AsArray();
        foreach (var item in output)
        {
            input.Add(item!.DeepClone());
        }

        input.Add(Golden.Parse("""{"type":"function_call_output","call_id":"toolu_p","output":"18C"}"""));
        return request;
    }
}
