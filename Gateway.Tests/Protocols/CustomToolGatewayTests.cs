#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.
using System.Net.ServerSentEvents;

namespace Gateway.Tests.Protocols;

/// <summary>
/// SPEC 5.3 custom (freeform) tools through the real gateway with the official SDK as the client: Codex's apply_patch
/// through a Chat-only account and through an anthropic account (Responses client), and a Chat client's custom tool through
/// a Responses-only account.
/// Call, output, final answer; streaming and not.
/// </summary>
public sealed class CustomToolGatewayTests
{
    private const string Patch = "*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch";

    private const string CustomCall = """{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}}""";

    private const string ChatCustomCall = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-5","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
          "tool_calls":[CALL]}}],
         "usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}
        """;

    private const string ResponsesCustomCall = """
        {"id":"resp_1","object":"response","created_at":1700000000,"status":"completed","model":"gpt-5","output":[
          {"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}],
         "usage":{"input_tokens":30,"input_tokens_details":{"cached_tokens":0},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":42}}
        """;

    /// <summary>Both Chat platforms, streaming and not.</summary>
    public static TheoryData<AccountPlatform, bool> ChatPlatforms()
    {
        var data = new TheoryData<AccountPlatform, bool>();
        foreach (var platform in (AccountPlatform[])[AccountPlatform.OpenAi, AccountPlatform.OpenAiCompatible])
        {
            data.Add(platform, false);
            data.Add(platform, true);
        }

        return data;
    }

    // As the gateway writes JSON: "+" and "<" as themselves.
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// OpenAI's Chat API takes custom tools; other Chat providers take function tools only, so there apply_patch goes up as
    /// a function with one text property and its call comes back as the custom call.
    /// </summary>
    [Theory]
    [MemberData(nameof(ChatPlatforms))]
    public async Task ApplyPatch_ThroughAChatOnlyAccount_CallOutputAndFinalAnswer(AccountPlatform platform, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await ChatOnlyAsync(gateway, platform);
        var openAi = platform == AccountPlatform.OpenAi;
        var functionCall = new JsonObject
        {
            ["id"] = "call_p",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "apply_patch", ["arguments"] = JsonSerializer.Serialize(new { input = Patch }, Unescaped) },
        };
        var call = openAi ? CustomCall : functionCall.ToJsonString();
        upstream.On(
            EngineHarness.ChatPath,
            stream ? (openAi ? ChatCustomCallStream() : ChatFunctionCallStream(functionCall)) : UpstreamReply.Json(ChatCustomCall.Replace("CALL", call, StringComparison.Ordinal)),
            stream ? UpstreamReply.ChatStream(["Added ", "README."]) : UpstreamReply.ChatCompletion("Added README."));

        var (received, second) = await ApplyPatchRoundTripAsync(gateway, stream);

        Assert.Equal(("call_p", "apply_patch", Patch), (received.CallId, received.ToolName, received.Input));
        Assert.Equal("Added README.", second.GetOutputText());
        var requests = upstream.RequestsTo(EngineHarness.ChatPath).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Golden.AssertEqual(openAi
            ? """[{"type":"custom","custom":{"name":"apply_patch","description":"Edit files","format":{"type":"grammar","grammar":{"definition":"start: begin_patch","syntax":"lark"}}}}]"""
            : """
              [{"type":"function","function":{"name":"apply_patch","description":"Edit files","parameters":{"type":"object","properties":{"input":{"type":"string",
                "description":"The tool's input as plain text, not JSON. It must match this lark grammar:\nstart: begin_patch"}},"required":["input"],"additionalProperties":false}}}]
              """, requests[0]["tools"]);
        Golden.AssertEqual($$"""
            [
              {"role":"user","content":[{"type":"text","text":"Add a README."}]},
              {"role":"assistant","content":null,"tool_calls":[{{call}}]},
              {"role":"tool","tool_call_id":"call_p","content":"Done."}
            ]
            """, requests[1]["messages"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ApplyPatch_ThroughAnAnthropicAccount_AsAToolWithOneTextProperty_CallOutputAndFinalAnswer(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAnthropicAccountAsync();
        upstream.On(
            AnthropicReplies.MessagesPath,
            stream ? AnthropicCustomCallStream() : AnthropicReplies.Message("tool_use", AnthropicReplies.ToolUse("toolu_p", "apply_patch", new { input = Patch })),
            stream ? AnthropicReplies.TextStream("Added ", "README.") : AnthropicReplies.Message("end_turn", AnthropicReplies.Text("Added README.")));

        var (call, second) = await ApplyPatchRoundTripAsync(gateway, stream);

        Assert.Equal(("toolu_p", "apply_patch", Patch), (call.CallId, call.ToolName, call.Input));
        Assert.Equal("Added README.", second.GetOutputText());
        var requests = upstream.RequestsTo(AnthropicReplies.MessagesPath).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Golden.AssertEqual("""
            {"type":"object","properties":{"input":{"type":"string","description":"The tool's input as plain text, not JSON. It must match this lark grammar:\nstart: begin_patch"}},"required":["input"],"additionalProperties":false}
            """, requests[0]["tools"]![0]!["input_schema"]);
        Golden.AssertEqual("""
            [
              {"role":"user","content":[{"type":"text","text":"Add a README."}]},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_p","name":"apply_patch","input":{"input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_p","content":"Done."}]}
            ]
            """, requests[1]["messages"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatClientsCustomTool_ThroughAResponsesOnlyAccount_CallOutputAndFinalAnswer(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(
            EngineHarness.ResponsesPath,
            stream ? ResponsesCustomCallStream() : UpstreamReply.Json(ResponsesCustomCall),
            stream ? UpstreamReply.ResponsesStream(["Added ", "README."]) : UpstreamReply.ResponsesAnswer("Added README."));

        // The SDK's typed Chat surface has no custom tools: its protocol methods carry them.
        var client = new ChatClient("gpt-5", new ApiKeyCredential(gateway.Key), new OpenAIClientOptions { Endpoint = new Uri(gateway.Address, "v1") });
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Add a README." });
        var first = await CompleteAsync(client, messages, stream);
        var call = first["tool_calls"]![0]!;
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(call.DeepClone()) });
        messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = "call_p", ["content"] = "Done." });
        var second = await CompleteAsync(client, messages, stream);

        Golden.AssertEqual("""{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}}""", call);
        Assert.Equal("tool_calls", first["finish_reason"]!.GetValue<string>());
        Assert.Equal("Added README.", second["content"]!.GetValue<string>());
        var requests = upstream.RequestsTo(EngineHarness.ResponsesPath).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Golden.AssertEqual("""[{"type":"custom","name":"apply_patch","description":"Edit files"}]""", requests[0]["tools"]);
        Golden.AssertEqual("""
            [
              {"type":"message","role":"user","content":"Add a README."},
              {"type":"custom_tool_call","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"},
              {"type":"custom_tool_call_output","call_id":"call_p","output":"Done."}
            ]
            """, requests[1]["input"]);
    }

    internal static async Task<ScriptedUpstream> ChatOnlyAsync(EngineHarness gateway, AccountPlatform platform = AccountPlatform.OpenAiCompatible)
    {
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Platform = platform });
        return upstream;
    }

    /// <summary>Codex's turn: apply_patch offered, its call answered with "Done.", then the final answer.</summary>
    private static async Task<(CustomToolCallItem Call, ResponseResult Second)> ApplyPatchRoundTripAsync(EngineHarness gateway, bool stream)
    {
        var client = new ResponsesClient(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("Add a README.")];
        var tool = new CustomTool("apply_patch") { ToolDescription = "Edit files", ToolFormat = new CustomToolGrammarFormat("start: begin_patch", CustomToolGrammarFormatSyntax.Lark) };

        var first = await RespondAsync(client, input, tool, stream);
        var call = Assert.IsType<CustomToolCallItem>(Assert.Single(first.OutputItems));
        input.Add(call);
        input.Add(ResponseItem.CreateCustomToolCallOutputItem(call.CallId, [ResponseContentPart.CreateInputTextPart("Done.")]));
        return (call, await RespondAsync(client, input, tool, stream));
    }

    private static async Task<ResponseResult> RespondAsync(ResponsesClient client, List<ResponseItem> input, ResponseTool tool, bool stream)
    {
        var options = new CreateResponseOptions("gpt-5-codex", input) { StreamingEnabled = stream };
        options.Tools.Add(tool);
        if (!stream)
        {
            return await client.CreateResponseAsync(options);
        }

        ResponseResult? completed = null;
        var inputDeltas = "";
        await foreach (var update in await client.CreateResponseStreamingAsync(options))
        {
            inputDeltas += (update as StreamingResponseCustomToolCallInputDeltaUpdate)?.InputDelta;
            completed = (update as StreamingResponseCompletedUpdate)?.Response ?? completed;
        }

        Assert.Equal(completed!.OutputItems.OfType<CustomToolCallItem>().FirstOrDefault()?.Input ?? "", inputDeltas);
        return completed;
    }

    /// <summary>The assistant message of a Chat answer, assembled from the stream's deltas when streaming.</summary>
    private static async Task<JsonObject> CompleteAsync(ChatClient client, JsonArray messages, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-5",
            ["stream"] = stream,
            ["messages"] = messages.DeepClone(),
            ["tools"] = new JsonArray(new JsonObject { ["type"] = "custom", ["custom"] = new JsonObject { ["name"] = "apply_patch", ["description"] = "Edit files" } }),
        };
        var result = await client.CompleteChatAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), new RequestOptions { BufferResponse = !stream });
        if (!stream)
        {
            var choice = JsonNode.Parse(result.GetRawResponse().Content.ToString())!["choices"]![0]!;
            var message = choice["message"]!.AsObject();
            message["finish_reason"] = choice["finish_reason"]!.DeepClone();
            return message;
        }

        var assembled = new JsonObject { ["content"] = "" };
        var calls = new JsonArray();
        await foreach (var item in SseParser.Create(result.GetRawResponse().ContentStream!).EnumerateAsync())
        {
            if (item.Data == "[DONE]")
            {
                break;
            }

            var choice = JsonNode.Parse(item.Data)!["choices"]![0]!;
            assembled["content"] = assembled["content"]!.GetValue<string>() + choice["delta"]?["content"]?.GetValue<string>();
            foreach (var delta in choice["delta"]?["tool_calls"]?.AsArray() ?? [])
            {
                var index = delta!["index"]!.GetValue<int>();
                if (index == calls.Count)
                {
                    calls.Add(new JsonObject { ["id"] = delta["id"]!.DeepClone(), ["type"] = delta["type"]!.DeepClone(), ["custom"] = new JsonObject { ["name"] = delta["custom"]!["name"]!.DeepClone(), ["input"] = "" } });
                }

                var custom = calls[index]!["custom"]!;
                custom["input"] = custom["input"]!.GetValue<string>() + delta["custom"]?["input"]?.GetValue<string>();
            }

            if (choice["finish_reason"]?.GetValue<string>() is { } finish)
            {
                assembled["finish_reason"] = finish;
            }
        }

        if (calls.Count > 0)
        {
            assembled["tool_calls"] = calls;
        }

        return assembled;
    }

    private static UpstreamReply ChatCustomCallStream()
    {
        static string Chunk(string delta, string finish = "null") =>
            $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{finish}}}]}""";
        return UpstreamReply.Sse(
            Chunk("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":""}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"custom":{"input":"*** Begin Patch\n*** Add File: README.md\n"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"custom":{"input":"+hi\n*** End Patch"}}]}"""),
            Chunk("{}", "\"tool_calls\""),
            """{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}""",
            "[DONE]");
    }

    // A function call whose JSON arguments come in pieces cut inside their escapes, as a Chat provider streams them.
    private static UpstreamReply ChatFunctionCallStream(JsonObject call)
    {
        var arguments = call["function"]!["arguments"]!.GetValue<string>();
        static string Chunk(JsonObject delta, string finish = "null") =>
            $$"""{"id":"chatcmpl-s","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5","choices":[{"index":0,"delta":{{delta.ToJsonString()}},"finish_reason":{{finish}}}]}""";
        static JsonObject Call(JsonObject call) => new() { ["tool_calls"] = new JsonArray(call) };
        return UpstreamReply.Sse(
        [
            Chunk(Call(new JsonObject { ["index"] = 0, ["id"] = "call_p", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "apply_patch", ["arguments"] = "" } })),
            .. arguments.Chunk(7).Select(piece => Chunk(Call(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = new string(piece) } }))),
            Chunk([], "\"tool_calls\""),
            "[DONE]",
        ]);
    }

    private static UpstreamReply ResponsesCustomCallStream() => new()
    {
        Events =
        [
            Event("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-5","output":[]}}"""),
            Event("""{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"ctc_1","type":"custom_tool_call","status":"in_progress","call_id":"call_p","name":"apply_patch","input":""}}"""),
            Event("""{"type":"response.custom_tool_call_input.delta","sequence_number":2,"output_index":0,"item_id":"ctc_1","delta":"*** Begin Patch\n*** Add File: README.md\n"}"""),
            Event("""{"type":"response.custom_tool_call_input.delta","sequence_number":3,"output_index":0,"item_id":"ctc_1","delta":"+hi\n*** End Patch"}"""),
            Event("""{"type":"response.custom_tool_call_input.done","sequence_number":4,"output_index":0,"item_id":"ctc_1","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}"""),
            Event("""{"type":"response.output_item.done","sequence_number":5,"output_index":0,"item":{"id":"ctc_1","type":"custom_tool_call","status":"completed","call_id":"call_p","name":"apply_patch","input":"*** Begin Patch\n*** Add File: README.md\n+hi\n*** End Patch"}}"""),
            Event("""{"type":"response.completed","sequence_number":6,"response":{"id":"resp_s","object":"response","created_at":1700000000,"status":"completed","model":"gpt-5","output":[],"usage":{"input_tokens":30,"input_tokens_details":{"cached_tokens":0},"output_tokens":12,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":42}}}"""),
        ],
    };

    // The patch's JSON in pieces cut inside its escapes, as Anthropic streams a tool's input.
    private static UpstreamReply AnthropicCustomCallStream() => new()
    {
        Events =
        [
            .. AnthropicReplies.Handshake(),
            AnthropicReplies.Event("content_block_start", new { index = 0, content_block = new { type = "tool_use", id = "toolu_p", name = "apply_patch", input = new { } } }),
            .. JsonSerializer.Serialize(new { input = Patch }).Chunk(7).Select(piece =>
                AnthropicReplies.Event("content_block_delta", new { index = 0, delta = new { type = "input_json_delta", partial_json = new string(piece) } })),
            AnthropicReplies.Event("content_block_stop", new { index = 0 }),
            AnthropicReplies.Event("message_delta", new { delta = new { stop_reason = "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = 12 } }),
            AnthropicReplies.Event("message_stop", new { }),
        ],
    };

    private static SseStep Event(string json) => SseStep.Event(JsonNode.Parse(json)!["type"]!.GetValue<string>(), json);
}
