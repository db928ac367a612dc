namespace Gateway.Tests.Protocols.Messages;

/// <summary>
/// SPEC 5.3 custom (freeform) tools on an anthropic account, whose tools all take JSON: the tool goes up with one string
/// property for its text, calls go both ways as that property, and the answer's calls of a custom tool come back as
/// custom calls, streamed piece by piece.
/// </summary>
public sealed class CustomToolsOnAnthropicTests
{
    private const string ChatRequest = """
        {"model":"gpt-5","stream":true,"tool_choice":{"type":"custom","custom":{"name":"apply_patch"}},"messages":[
          {"role":"user","content":"Add a README."},
          {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** End Patch"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"Empty patch."}],
         "tools":[
          {"type":"custom","custom":{"name":"apply_patch","description":"Edit files","format":{"type":"grammar","grammar":{"definition":"start: begin_patch","syntax":"lark"}}}},
          {"type":"custom","custom":{"name":"note","format":{"type":"text"}}},
          {"type":"function","function":{"name":"shell","parameters":{"type":"object"}}}]}
        """;

    private const string InputSchema = """
        {"type":"object","properties":{"input":{"type":"string","description":"The tool's input as plain text, not JSON.{0}"}},"required":["input"],"additionalProperties":false}
        """;

    [Fact]
    public void CustomTools_GoUpWithOneTextProperty_AndTheirCallsInTheHistoryCarryIt()
    {
        var converter = Conversions.Create(ApiProtocol.Chat, ApiProtocol.Messages, "gpt-5");

        var request = converter.ConvertRequest(Golden.Parse(ChatRequest));

        Golden.AssertEqual($$$"""
            [
              {"name":"apply_patch","description":"Edit files","input_schema":{{{InputSchema.Trim().Replace("{0}", " It must match this lark grammar:\\nstart: begin_patch")}}} },
              {"name":"note","input_schema":{{{InputSchema.Trim().Replace("{0}", "")}}} },
              {"name":"shell","input_schema":{"type":"object"}}
            ]
            """, request["tools"]);
        Golden.AssertEqual("""{"type":"tool","name":"apply_patch"}""", request["tool_choice"]);
        Golden.AssertEqual(
            """{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"apply_patch","input":{"input":"*** Begin Patch\n*** End Patch"}}]}""",
            request["messages"]![1]);
        Assert.Empty(converter.DroppedTools);
    }

    [Fact]
    public void AnAnswersCallOfACustomTool_ComesBackAsACustomCall_AndAFunctionCallStaysOne()
    {
        var converter = Conversions.Create(ApiProtocol.Chat, ApiProtocol.Messages, "gpt-5");
        converter.ConvertRequest(Golden.Parse(ChatRequest));

        var answer = converter.ConvertResponse(Golden.Parse("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,"content":[
              {"type":"tool_use","id":"toolu_1","name":"apply_patch","input":{"input":"*** Begin Patch\n+hi\n*** End Patch"}},
              {"type":"tool_use","id":"toolu_2","name":"shell","input":{"command":"ls"}}],
             "usage":{"input_tokens":10,"output_tokens":5}}
            """));

        Golden.AssertEqual("""
            [
              {"id":"toolu_1","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n+hi\n*** End Patch"}},
              {"id":"toolu_2","type":"function","function":{"name":"shell","arguments":"{\"command\":\"ls\"}"}}
            ]
            """, answer["choices"]![0]!["message"]!["tool_calls"]);
    }

    [Fact]
    public void AStreamedCustomCall_ComesAsCustomInputPieces_EscapesDecodedAcrossCuts()
    {
        var converter = Conversions.Create(ApiProtocol.Chat, ApiProtocol.Messages, "gpt-5");
        converter.ConvertRequest(Golden.Parse(ChatRequest));
        string[] events =
        [
            """{"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"apply_patch","input":{}}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"input\": \"*** Begin Patch\\"}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"n+caf\\u00"}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"e9\\n*** End Patch\"}"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}}""",
            """{"type":"message_stop"}""",
        ];

        var output = Golden.Stream(converter.CreateStreamConverter(), events.Select(MessagesStreamToChatTests.Event));

        var calls = output.Where(e => !e.IsDone).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["tool_calls"]?[0]).OfType<JsonNode>().ToList();
        Golden.AssertEqual("""
            [
              {"id":"toolu_1","type":"custom","custom":{"name":"apply_patch","input":""},"index":0},
              {"index":0,"custom":{"input":"*** Begin Patch"}},
              {"index":0,"custom":{"input":"\n+caf"}},
              {"index":0,"custom":{"input":"é\n*** End Patch"}}
            ]
            """, new JsonArray([.. calls.Select(c => c.DeepClone())]));
    }

    [Fact]
    public void ForAResponsesClient_ApplyPatchComesBackAsACustomToolCallItem()
    {
        var converter = Conversions.Create(ApiProtocol.Responses, ApiProtocol.Messages, "gpt-5-codex");
        var request = converter.ConvertRequest(Golden.Parse("""
            {"model":"gpt-5-codex","input":"Add a README.","tools":[{"type":"custom","name":"apply_patch","description":"Edit files","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch"}}]}
            """));

        var response = converter.ConvertResponse(Golden.Parse("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,
             "content":[{"type":"tool_use","id":"toolu_1","name":"apply_patch","input":{"input":"*** Begin Patch\n*** End Patch"}}],"usage":{"input_tokens":10,"output_tokens":5}}
            """));

        Assert.Equal("apply_patch", request["tools"]![0]!["name"]!.GetValue<string>());
        var item = response["output"]![0]!;
        Assert.Equal(
            ("custom_tool_call", "toolu_1", "apply_patch", "*** Begin Patch\n*** End Patch"),
            (item["type"]!.GetValue<string>(), item["call_id"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["input"]!.GetValue<string>()));
    }
}
