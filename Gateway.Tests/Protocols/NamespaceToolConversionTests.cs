namespace Gateway.Tests.Protocols;

/// <summary>
/// A Responses client's namespaces (Codex puts each MCP server's tools and its sub-agent tools in one) through a Chat
/// upstream, which has none: their tools go up flat as namespace__name and every call comes back in its namespace. When
/// Codex defers them behind its own tool search (execution "client"), the search goes up as a function, its call comes
/// back as a tool_search_call, and the tools it loaded go up with the next turn's tools.
/// </summary>
public sealed class NamespaceToolConversionTests
{
    private const string SearchTool = """
        {"type":"tool_search","execution":"client","description":"Find deferred tools.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}
        """;

    private const string Request = """
        {"model":"m","input":[
          {"type":"message","role":"user","content":"Look it up"},
          {"type":"function_call","call_id":"call_1","namespace":"mcp__docs","name":"lookup","arguments":"{\"q\":\"a\"}"},
          {"type":"function_call_output","call_id":"call_1","output":"found"}
        ],"tools":[
          {"type":"function","name":"shell","parameters":{}},
          {"type":"namespace","name":"mcp__docs","description":"Docs server.","tools":[
            {"type":"function","name":"lookup","description":"Find a page.","parameters":{"type":"object"}},
            {"type":"custom","name":"note","description":"Write a note."}]},
          {"type":"namespace","name":"a_namespace_whose_name_is_far_too_long_for_a_chat_function","description":"x","tools":[
            {"type":"function","name":"call_me","parameters":{}}]}
        ]}
        """;

    [Theory]
    [InlineData(AccountPlatform.OpenAi)]
    [InlineData(AccountPlatform.OpenAiCompatible)]
    public void NamespaceTools_GoUpFlat_DescribedByTheirNamespace_AndTheirCallsInTheHistoryToo(AccountPlatform platform)
    {
        var converted = Conversions.ToChat(Golden.Parse(Request), out var dropped, platform);

        var tools = converted["tools"]!.AsArray().Select(t => (t!["function"] ?? t["custom"])!).ToList();
        Assert.Equal(["shell", "mcp__docs__lookup", "mcp__docs__note"], tools.Select(t => t["name"]!.GetValue<string>()));
        Assert.Equal(["Docs server.\n\nFind a page.", "Docs server.\n\nWrite a note."], tools.Skip(1).Select(t => t["description"]!.GetValue<string>()));
        Assert.Equal(["namespace"], dropped);
        Golden.AssertEqual("""
            {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"mcp__docs__lookup","arguments":"{\"q\":\"a\"}"}}]}
            """, converted["messages"]![1]);
    }

    [Fact]
    public void ACallOfAFlatName_ComesBackInItsNamespace_CustomToolsAsCustomCalls()
    {
        var converter = ConverterFor(Request);

        var response = converter.ConvertResponse(Golden.Parse("""
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[
              {"id":"call_2","type":"function","function":{"name":"mcp__docs__lookup","arguments":"{\"q\":\"b\"}"}},
              {"id":"call_3","type":"function","function":{"name":"mcp__docs__note","arguments":"{\"input\":\"remember\"}"}},
              {"id":"call_4","type":"function","function":{"name":"shell","arguments":"{}"}}]}}]}
            """));

        Golden.AssertEqual("""
            [
              {"id":"fc_*","type":"function_call","status":"completed","call_id":"call_2","namespace":"mcp__docs","name":"lookup","arguments":"{\"q\":\"b\"}"},
              {"id":"ctc_*","type":"custom_tool_call","status":"completed","call_id":"call_3","namespace":"mcp__docs","name":"note","input":"remember"},
              {"id":"fc_*","type":"function_call","status":"completed","call_id":"call_4","name":"shell","arguments":"{}"}
            ]
            """, response["output"]);
    }

    [Fact]
    public void AStreamedCallOfAFlatName_IsAddedAndDoneInItsNamespace()
    {
        var converter = ConverterFor(Request);

        var output = Golden.Stream(converter.CreateStreamConverter(),
        [
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"mcp__docs__lookup","arguments":"{\"q\""}}]},"finish_reason":null}]}"""),
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":\"b\"}"}}]},"finish_reason":"tool_calls"}]}"""),
            SseEvent.Done,
        ]);

        var payloads = output.Select(e => JsonNode.Parse(e.Data)!).ToList();
        var added = payloads.Single(p => p["type"]!.GetValue<string>() == "response.output_item.added")["item"]!;
        var done = payloads.Single(p => p["type"]!.GetValue<string>() == "response.output_item.done")["item"]!;
        Assert.Equal(("mcp__docs", "lookup"), (added["namespace"]!.GetValue<string>(), added["name"]!.GetValue<string>()));
        Golden.AssertEqual("""
            {"id":"fc_*","type":"function_call","status":"completed","call_id":"call_2","namespace":"mcp__docs","name":"lookup","arguments":"{\"q\":\"b\"}"}
            """, done);
    }

    [Fact]
    public void AClientRunToolSearch_GoesUpAsAFunction_AndAServerRunOneIsDropped()
    {
        var converted = Conversions.ToChat(Golden.Parse($$$"""{"model":"m","input":"hi","tools":[{{{SearchTool}}},{"type":"tool_search"}]}"""), out var dropped);

        Golden.AssertEqual("""
            [{"type":"function","function":{"name":"tool_search","description":"Find deferred tools.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}}]
            """, converted["tools"]);
        Assert.Equal(["tool_search"], dropped);
    }

    [Fact]
    public void AToolSearchCall_ComesBackAsAToolSearchCallItem_WholeInAStreamToo()
    {
        var converter = ConverterFor($$$"""{"model":"m","input":"hi","tools":[{{{SearchTool}}}]}""");
        const string Call = """{"id":"call_s","type":"function","function":{"name":"tool_search","arguments":"{\"query\":\"echo\"}"}}""";

        var response = converter.ConvertResponse(Golden.Parse($$$"""
            {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,"tool_calls":[{{{Call}}}]}}]}
            """));
        var stream = Golden.Stream(converter.CreateStreamConverter(),
        [
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_s","type":"function","function":{"name":"tool_search","arguments":"{\"query\""}}]},"finish_reason":null}]}"""),
            Golden.Data("""{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":\"echo\"}"}}]},"finish_reason":"tool_calls"}]}"""),
            SseEvent.Done,
        ]);

        const string Item = """{"id":"tsc_*","type":"tool_search_call","status":"completed","call_id":"call_s","execution":"client","arguments":{"query":"echo"}}""";
        Golden.AssertEqual($"[{Item}]", response["output"]);
        Assert.Equal(
            ["response.created", "response.in_progress", "response.output_item.added", "response.output_item.done", "response.completed"],
            stream.Select(e => e.EventType));
        Golden.AssertEqual(Item, JsonNode.Parse(stream[3].Data)!["item"]);
    }

    [Fact]
    public void ATurnAfterAToolSearch_CarriesTheCallAndItsOutput_AndOffersTheToolsItLoaded()
    {
        var converted = Conversions.ToChat(Golden.Parse($$$"""
            {"model":"m","tools":[{{{SearchTool}}}],"input":[
              {"type":"message","role":"user","content":"Echo ping"},
              {"type":"tool_search_call","call_id":"call_s","execution":"client","arguments":{"query":"echo"},"status":"completed"},
              {"type":"tool_search_output","call_id":"call_s","execution":"client","status":"completed","tools":[
                {"type":"namespace","name":"mcp__x","description":"Tools of x.","tools":[{"type":"function","name":"echo","parameters":{"type":"object"}}]}]}
            ]}
            """));

        Assert.Equal(["tool_search", "mcp__x__echo"], converted["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()));
        Golden.AssertEqual("""
            [
              {"role":"user","content":"Echo ping"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_s","type":"function","function":{"name":"tool_search","arguments":"{\"query\":\"echo\"}"}}]},
              {"role":"tool","tool_call_id":"call_s","content":"Tools loaded: mcp__x__echo"}
            ]
            """, converted["messages"]);
    }

    private static IProtocolConverter ConverterFor(string request)
    {
        var converter = Conversions.Factory.Create(ApiProtocol.Responses, ApiProtocol.Chat, new ConversionContext("m") { UpstreamPlatform = AccountPlatform.OpenAiCompatible });
        converter.ConvertRequest(Golden.Parse(request));
        return converter;
    }
}
