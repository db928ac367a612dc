namespace Gateway.Tests.Protocols;

/// <summary>SPEC 5.3: custom (freeform) tools, their calls, outputs and stream events, both directions.</summary>
public sealed class CustomToolConversionTests
{
    /// <summary>
    /// A Chat conversation in which the assistant called a custom tool and a function, and both answered: what the
    /// Responses input of the first conversion test becomes, and the input of the opposite one.
    /// </summary>
    private const string ChatFixItMessages = """
        [
          {"role":"user","content":"Fix it"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** End Patch"}},
            {"id":"call_f","type":"function","function":{"name":"read","arguments":"{}"}}]},
          {"role":"tool","tool_call_id":"call_p","content":"Done!"},
          {"role":"tool","tool_call_id":"call_f","content":"file"}
        ]
        """;

    private const string Grammar = "start: begin_patch hunk+ end_patch";

    private const string ResponsesCustomToolsRequest = """
        {"model":"m","input":"x","tool_choice":{"type":"custom","name":"apply_patch"},"tools":[
          {"type":"custom","name":"apply_patch","description":"Edit files","format":{"type":"grammar","syntax":"lark","definition":"start: begin_patch hunk+ end_patch"},"defer_loading":false},
          {"type":"custom","name":"note","format":{"type":"text"}}]}
        """;

    [Fact]
    public void ResponsesCustomTools_AreNestedForOpenAisChat_GrammarUnderGrammar()
    {
        var converted = Conversions.ToChat(Golden.Parse(ResponsesCustomToolsRequest), AccountPlatform.OpenAi);

        Golden.AssertEqual("""
            [
              {"type":"custom","custom":{"name":"apply_patch","description":"Edit files","format":{"type":"grammar","grammar":{"definition":"GRAMMAR","syntax":"lark"}}}},
              {"type":"custom","custom":{"name":"note","format":{"type":"text"}}}
            ]
            """.Replace("GRAMMAR", Grammar, StringComparison.Ordinal), converted["tools"]);
        Golden.AssertEqual("""{"type":"custom","custom":{"name":"apply_patch"}}""", converted["tool_choice"]);
    }

    [Fact]
    public void ResponsesCustomTools_BecomeFunctionsWithOneTextProperty_ForAnOpenAiCompatibleChatProvider()
    {
        var converted = Conversions.ToChat(Golden.Parse(ResponsesCustomToolsRequest));

        Golden.AssertEqual("""
            [
              {"type":"function","function":{"name":"apply_patch","description":"Edit files","parameters":{"type":"object","properties":{"input":{"type":"string",
                "description":"The tool's input as plain text, not JSON. It must match this lark grammar:\nGRAMMAR"}},"required":["input"],"additionalProperties":false}}},
              {"type":"function","function":{"name":"note","parameters":{"type":"object","properties":{"input":{"type":"string",
                "description":"The tool's input as plain text, not JSON."}},"required":["input"],"additionalProperties":false}}}
            ]
            """.Replace("GRAMMAR", Grammar, StringComparison.Ordinal), converted["tools"]);
        Golden.AssertEqual("""{"type":"function","function":{"name":"apply_patch"}}""", converted["tool_choice"]);
    }

    [Fact]
    public void AllowedToolsNamingACustomTool_NameItsFunction_ForAnOpenAiCompatibleChatProvider()
    {
        var request = Golden.Parse(ResponsesCustomToolsRequest);
        request["tool_choice"] = JsonNode.Parse("""{"type":"allowed_tools","mode":"required","tools":[{"type":"custom","name":"apply_patch"},{"type":"web_search"}]}""");

        Golden.AssertEqual(
            """{"type":"allowed_tools","allowed_tools":{"mode":"required","tools":[{"type":"function","function":{"name":"apply_patch"}}]}}""",
            Conversions.ToChat(request)["tool_choice"]);
    }

    [Fact]
    public void ChatCustomTools_AreFlattenedForResponses_GrammarBesideItsType()
    {
        var converted = Conversions.ToResponses(Golden.Parse("""
            {"model":"m","messages":[],"tool_choice":{"type":"custom","custom":{"name":"apply_patch"}},"tools":[
              {"type":"custom","custom":{"name":"apply_patch","description":"Edit files","format":{"type":"grammar","grammar":{"definition":"GRAMMAR","syntax":"lark"}}}}]}
            """.Replace("GRAMMAR", Grammar, StringComparison.Ordinal)));

        Golden.AssertEqual("""
            [{"type":"custom","name":"apply_patch","description":"Edit files","format":{"type":"grammar","syntax":"lark","definition":"GRAMMAR"}}]
            """.Replace("GRAMMAR", Grammar, StringComparison.Ordinal), converted["tools"]);
        Golden.AssertEqual("""{"type":"custom","name":"apply_patch"}""", converted["tool_choice"]);
    }

    private const string ResponsesFixItRequest = """
        {"model":"m","input":[
          {"type":"message","role":"user","content":"Fix it"},
          {"type":"custom_tool_call","id":"ctc_1","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** End Patch"},
          {"type":"function_call","call_id":"call_f","name":"read","arguments":"{}"},
          {"type":"custom_tool_call_output","call_id":"call_p","output":"Done!"},
          {"type":"function_call_output","call_id":"call_f","output":[{"type":"input_text","text":"file"}]}
        ]}
        """;

    [Fact]
    public void CustomCallsAndOutputs_InResponsesInput_BecomeChatCustomToolCallsAndToolMessages_ForOpenAi()
    {
        var converted = Conversions.ToChat(Golden.Parse(ResponsesFixItRequest), AccountPlatform.OpenAi);

        Golden.AssertEqual(ChatFixItMessages, converted["messages"]);
    }

    [Fact]
    public void CustomCallsInResponsesInput_BecomeFunctionCallsCarryingTheirInput_ForAnOpenAiCompatibleChatProvider()
    {
        var converted = Conversions.ToChat(Golden.Parse(ResponsesFixItRequest));

        Golden.AssertEqual("""
            {"role":"assistant","content":null,"tool_calls":[
              {"id":"call_p","type":"function","function":{"name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** End Patch\"}"}},
              {"id":"call_f","type":"function","function":{"name":"read","arguments":"{}"}}]}
            """, converted["messages"]![1]);
        Golden.AssertEqual("""{"role":"tool","tool_call_id":"call_p","content":"Done!"}""", converted["messages"]![2]);
    }

    [Fact]
    public void ChatCustomToolCallsAndResults_BecomeResponsesCustomItems()
    {
        var converted = Conversions.ToResponses(new JsonObject { ["model"] = "m", ["messages"] = JsonNode.Parse(ChatFixItMessages) });

        Golden.AssertEqual("""
            [
              {"type":"message","role":"user","content":"Fix it"},
              {"type":"custom_tool_call","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** End Patch"},
              {"type":"function_call","call_id":"call_f","name":"read","arguments":"{}"},
              {"type":"custom_tool_call_output","call_id":"call_p","output":"Done!"},
              {"type":"function_call_output","call_id":"call_f","output":"file"}
            ]
            """, converted["input"]);
    }

    [Fact]
    public void ChatAnswerWithACustomCall_BecomesACustomToolCallItem()
    {
        var response = ChatAnswerToResponses.Convert(Golden.Parse("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
              "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch"}}]}}]}
            """), new ResponseEnvelope("m", 1), new ChatToolNames());

        Golden.AssertEqual("""
            [{"id":"ctc_*","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}]
            """, response["output"]);
        Assert.Equal("completed", response["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"input\":\"*** Begin Patch\\n+hi\"}", "*** Begin Patch\n+hi")]
    [InlineData("*** Begin Patch", "*** Begin Patch")]
    [InlineData("{\"patch\":\"x\"}", "{\"patch\":\"x\"}")]
    public void ChatAnswerWithAFunctionCallOfACustomToolSentAsAFunction_BecomesACustomToolCallItemOfItsInput(string arguments, string input)
    {
        var chat = Golden.Parse("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls",
              "message":{"role":"assistant","content":null,"tool_calls":[
                {"id":"call_p","type":"function","function":{"name":"apply_patch","arguments":""}},
                {"id":"call_f","type":"function","function":{"name":"read","arguments":"{}"}}]}}]}
            """);
        chat["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"] = arguments;

        var response = ChatAnswerToResponses.Convert(chat, new ResponseEnvelope("m", 1), ApplyPatchAsFunction());

        var output = response["output"]!.AsArray();
        Golden.AssertEqual(new JsonObject { ["id"] = "ctc_*", ["type"] = "custom_tool_call", ["status"] = "completed", ["call_id"] = "call_p", ["name"] = "apply_patch", ["input"] = input }.ToJsonString(), output[0]);
        Assert.Equal(("function_call", "{}"), (output[1]!["type"]!.GetValue<string>(), output[1]!["arguments"]!.GetValue<string>()));
    }

    [Fact]
    public void ChatStreamOfAFunctionCallOfACustomToolSentAsAFunction_StreamsItsInputAsTheArgumentsArrive()
    {
        static SseEvent Chunk(JsonObject call, string finish = "null") => Golden.Data(
            $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{{call.ToJsonString()}}]},"finish_reason":{{finish}}}]}""");
        static JsonObject Arguments(string piece) => new() { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } };

        // Cut inside the key, inside an escape and inside a surrogate pair's escape.
        var output = Golden.Stream(new ChatStreamToResponses(new ResponseEnvelope("m", 1), ApplyPatchAsFunction()),
        [
            Chunk(new JsonObject { ["index"] = 0, ["id"] = "call_p", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "apply_patch", ["arguments"] = "{\"in" } }),
            Chunk(Arguments("put\": \"*** Begin\\")),
            Chunk(Arguments("n+\\ud83d")),
            Chunk(Arguments("\\ude00 hi\"}")),
            Golden.Data("""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""),
            SseEvent.Done,
        ]);

        var payloads = output.Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(["*** Begin", "\n+", "\ud83d\ude00 hi"], payloads.Where(p => p["type"]!.GetValue<string>() == "response.custom_tool_call_input.delta").Select(p => p["delta"]!.GetValue<string>()));
        Assert.Equal("*** Begin\n+\ud83d\ude00 hi", payloads.Single(p => p["type"]!.GetValue<string>() == "response.custom_tool_call_input.done")["input"]!.GetValue<string>());
        Golden.AssertEqual("""
            [{"id":"ctc_*","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin\n+\ud83d\ude00 hi"}]
            """, payloads[^1]["response"]!["output"]);
    }

    [Fact]
    public void ChatStreamOfAFunctionCallOfACustomTool_WithArgumentsOfAnotherShape_GivesThemWholeAsTheInputAtTheEnd()
    {
        var output = Golden.Stream(new ChatStreamToResponses(new ResponseEnvelope("m", 1), ApplyPatchAsFunction()),
        [
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_p","type":"function","function":{"name":"apply_patch","arguments":"{\"patch\":"}}]},"finish_reason":null}]}"""),
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"x\"}"}}]},"finish_reason":"tool_calls"}]}"""),
            SseEvent.Done,
        ]);

        var deltas = output.Select(e => JsonNode.Parse(e.Data)!).Where(p => p["type"]!.GetValue<string>() == "response.custom_tool_call_input.delta");
        Assert.Equal("""{"patch":"x"}""", Assert.Single(deltas)["delta"]!.GetValue<string>());
    }

    [Fact]
    public void ResponsesAnswerWithACustomCall_BecomesAChatCustomToolCall()
    {
        var chat = ResponsesAnswerToChat.Convert(Golden.Parse("""
            {"id":"resp_1","created_at":1,"status":"completed","output":[
              {"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}]}
            """), "m", null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start));

        Golden.AssertEqual("""
            {"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch"}}]}
            """, chat["choices"]![0]!["message"]);
        Assert.Equal("tool_calls", chat["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public void ChatStreamOfACustomCall_BecomesCustomToolCallInputEvents()
    {
        static string Chunk(string delta, string finish = "null") =>
            $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{finish}}}]}""";
        var output = Golden.Stream(new ChatStreamToResponses(new ResponseEnvelope("m", 1), new ChatToolNames()),
        [
            Golden.Data(Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":""}}]}""")),
            Golden.Data(Chunk("""{"tool_calls":[{"index":0,"custom":{"input":"*** Begin"}}]}""")),
            Golden.Data(Chunk("""{"tool_calls":[{"index":0,"custom":{"input":" Patch"}}]}""")),
            Golden.Data(Chunk("{}", "\"tool_calls\"")),
            SseEvent.Done,
        ]);

        Assert.Equal(
        [
            "response.created", "response.in_progress", "response.output_item.added",
            "response.custom_tool_call_input.delta", "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
            "response.output_item.done", "response.completed",
        ], output.Select(e => e.EventType));
        Golden.AssertEqual("""
            {"type":"response.output_item.added","output_index":0,"item":{"id":"ctc_*","type":"custom_tool_call","status":"in_progress","call_id":"call_p","name":"apply_patch","input":""},"sequence_number":2}
            """, JsonNode.Parse(output[2].Data));
        Golden.AssertEqual("""
            {"type":"response.custom_tool_call_input.delta","item_id":"ctc_*","output_index":0,"delta":"*** Begin","sequence_number":3}
            """, JsonNode.Parse(output[3].Data));
        Golden.AssertEqual("""
            {"type":"response.custom_tool_call_input.done","item_id":"ctc_*","output_index":0,"input":"*** Begin Patch","sequence_number":5}
            """, JsonNode.Parse(output[5].Data));
        Golden.AssertEqual("""
            [{"id":"ctc_*","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}]
            """, JsonNode.Parse(output[^1].Data)!["response"]!["output"]);
    }

    [Fact]
    public void ResponsesStreamOfACustomCall_BecomesChatCustomToolCallDeltas()
    {
        var output = Golden.Stream(new ResponsesStreamToChat("m", includeUsage: false, null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start)),
        [
            Golden.ResponsesEvent("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","created_at":1,"status":"in_progress","output":[]}}"""),
            Golden.ResponsesEvent("""{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"ctc_1","type":"custom_tool_call","status":"in_progress","call_id":"call_p","name":"apply_patch","input":""}}"""),
            Golden.ResponsesEvent("""{"type":"response.custom_tool_call_input.delta","sequence_number":2,"output_index":0,"item_id":"ctc_1","delta":"*** Begin"}"""),
            Golden.ResponsesEvent("""{"type":"response.custom_tool_call_input.delta","sequence_number":3,"output_index":0,"item_id":"ctc_1","delta":" Patch"}"""),
            Golden.ResponsesEvent("""{"type":"response.custom_tool_call_input.done","sequence_number":4,"output_index":0,"item_id":"ctc_1","input":"*** Begin Patch"}"""),
            Golden.ResponsesEvent("""{"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}}"""),
            Golden.ResponsesEvent("""{"type":"response.completed","sequence_number":6,"response":{"id":"resp_1","created_at":1,"status":"completed","output":[]}}"""),
        ]);

        var deltas = output.Where(e => !e.IsDone).Select(e => JsonNode.Parse(e.Data)!["choices"]![0]!).ToList();
        Golden.AssertEqual("""{"role":"assistant","content":""}""", deltas[0]["delta"]);
        Golden.AssertEqual("""{"tool_calls":[{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":""},"index":0}]}""", deltas[1]["delta"]);
        Golden.AssertEqual("""{"tool_calls":[{"index":0,"custom":{"input":"*** Begin"}}]}""", deltas[2]["delta"]);
        Golden.AssertEqual("""{"tool_calls":[{"index":0,"custom":{"input":" Patch"}}]}""", deltas[3]["delta"]);
        Assert.Equal("tool_calls", deltas[^1]["finish_reason"]!.GetValue<string>());
        Assert.True(output[^1].IsDone);
        Assert.Equal(5, deltas.Count);
    }

    [Fact]
    public void ResponsesCustomCallSentWhole_ReachesTheChatClientOnce()
    {
        var output = Golden.Stream(new ResponsesStreamToChat("m", includeUsage: false, null, reasoningDetails: false, new FakeTimeProvider(TestClock.Start)),
        [
            Golden.ResponsesEvent("""{"type":"response.output_item.done","sequence_number":0,"output_index":0,"item":{"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch"}}"""),
            Golden.ResponsesEvent("""{"type":"response.completed","sequence_number":1,"response":{"id":"resp_1","created_at":1,"status":"completed","output":[]}}"""),
        ]);

        var input = string.Concat(output.Where(e => !e.IsDone)
            .SelectMany(e => JsonNode.Parse(e.Data)!["choices"]![0]!["delta"]!["tool_calls"]?.AsArray() ?? [])
            .Select(c => c!["custom"]?["input"]?.GetValue<string>()));
        Assert.Equal("*** Begin Patch", input);
    }

    /// <summary>The names of a request that sent apply_patch, a custom tool, as a function tool.</summary>
    private static ChatToolNames ApplyPatchAsFunction()
    {
        var names = new ChatToolNames();
        names.AddCustomAsFunction("apply_patch");
        return names;
    }
}
