namespace Gateway.Tests.Security;

/// <summary>
/// SPEC 9, bad input: every member and element of a full request of each protocol, replaced in turn by a value of each
/// other JSON kind or an odd one of its own (<see cref="MalformedJson"/>), and sent to an account of each protocol. The gateway answers either as it would a valid request or
/// with a 4xx in the client's protocol: never a 500, whatever the same-protocol rewrites, the history repairs or the
/// conversions expected to find there.
/// </summary>
public sealed class MalformedMemberTests
{
    private const string ResponsesCountPath = "/v1/responses/input_tokens";
    private const string MessagesCountPath = "/v1/messages/count_tokens";

    /// <summary>Each client path to an account of each protocol, and the token counts: the upstream's own count where the account speaks the protocol, else the gateway's.</summary>
    public static TheoryData<string, ApiProtocol, bool> Pairs() => ClientAnswers.Rows(
        (from path in new[] { EngineHarness.ChatPath, EngineHarness.ResponsesPath, EngineHarness.MessagesPath }
         from account in ClientAnswers.Protocols
         from stream in new[] { false, true }
         select (path, account, stream))
        .Concat(from path in new[] { ResponsesCountPath, MessagesCountPath } from account in ClientAnswers.Protocols select (path, account, false)));

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryMemberOfAnotherKind_GetsAnAnswerOrA4xxInTheClientsProtocol_NeverA500(string path, ApiProtocol account, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        AnswerOk((await gateway.AddAccountSpeakingAsync(account)).Upstream, stream);

        await AssertEveryVariantAnsweredAsync(gateway, path, FullRequest(path, stream), stream);
    }

    /// <summary>SPEC 5.3: a turn that continues stored responses, by <c>previous_response_id</c> and by <c>item_reference</c>, on accounts the gateway keeps the conversation for.</summary>
    [Theory]
    [InlineData(ApiProtocol.Chat)]
    [InlineData(ApiProtocol.Messages)]
    public async Task EveryMemberOfAContinuedConversationOfAnotherKind_GetsAnAnswerOrA4xx_NeverA500(ApiProtocol account)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountSpeakingAsync(account);
        AnswerOk(upstream, stream: false);
        var earlier = new List<JsonObject>();
        foreach (var text in new[] { "I am Ada.", "I like tea." })
        {
            var answer = await gateway.PostAsync(EngineHarness.ResponsesPath, new JsonObject { ["model"] = "gpt-4o", ["input"] = text }.ToJsonString());
            earlier.Add((await EngineHarness.JsonAsync(answer)).AsObject());
        }

        foreach (var stream in new[] { false, true })
        {
            AnswerOk(upstream, stream);
            var turn = new JsonObject
            {
                ["model"] = "gpt-4o",
                ["stream"] = stream,
                ["previous_response_id"] = earlier[1]["id"]!.GetValue<string>(),
                ["input"] = new JsonArray(
                    new JsonObject { ["type"] = "item_reference", ["id"] = earlier[0]["output"]![0]!["id"]!.GetValue<string>() },
                    new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = "Who am I?" }),
            };

            await AssertEveryVariantAnsweredAsync(gateway, EngineHarness.ResponsesPath, turn, stream);
        }
    }

    /// <summary>Scripts the upstream to answer "ok" on every endpoint, streamed or not, and to count one token.</summary>
    private static void AnswerOk(ScriptedUpstream upstream, bool stream)
    {
        upstream.On(EngineHarness.ChatPath, stream ? UpstreamReply.ChatStream(["o", "k"]) : UpstreamReply.ChatCompletion("ok"));
        upstream.On(EngineHarness.ResponsesPath, stream ? UpstreamReply.ResponsesStream(["o", "k"]) : UpstreamReply.ResponsesAnswer("ok"));
        upstream.On(EngineHarness.MessagesPath, stream ? AnthropicReplies.TextStream("o", "k") : AnthropicReplies.Message("end_turn", AnthropicReplies.Text("ok")));
        upstream.On(ResponsesCountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":1}"""));
        upstream.On(MessagesCountPath, UpstreamReply.Json("""{"input_tokens":1}"""));
    }

    private static async Task AssertEveryVariantAnsweredAsync(EngineHarness gateway, string path, JsonObject request, bool stream)
    {
        var client = ClientProtocol(path);

        // The request as it is gets through, so each variant reaches the part that reads what it changed.
        using var whole = await gateway.PostAsync(path, request.ToJsonString());
        Assert.True(ClientAnswers.IsWhole(client, stream, await whole.Content.ReadAsStringAsync()), $"{(int)whole.StatusCode} {await whole.Content.ReadAsStringAsync()}");

        var failures = new List<string>();
        // A null stream asks for one JSON answer, which the streaming scripts do not give.
        foreach (var (where, body) in MalformedJson.Variants(request).Where(v => !(stream && v.Where == "$.stream = null")))
        {
            using var response = await gateway.PostAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (!ClientAnswers.IsAccepted(client, stream, response.StatusCode, text, upstreamMayFail: false))
            {
                failures.Add($"{where}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>
    /// The protocol's full request of the conversion tests, with what else the conversions read: for Chat a custom tool with
    /// its grammar and a custom call with its result; for Responses an image, a file, a function call with its output and a
    /// structured output; for Messages an output format, an effort and context management.
    /// </summary>
    private static JsonObject FullRequest(string path, bool stream)
    {
        var client = ClientProtocol(path);
        var request = Golden.Parse(client switch
        {
            ApiProtocol.Chat => ChatToResponsesRequestTests.FullChatRequest,
            ApiProtocol.Responses => ParameterTableTests.CodexRequest,
            _ => MessagesRequestToChatTests.FullMessagesRequest,
        });
        switch (client)
        {
            case ApiProtocol.Chat:
                request["tools"]!.AsArray().Add(JsonNode.Parse("""{"type":"custom","custom":{"name":"apply_patch","description":"Edit files","format":{"type":"grammar","grammar":{"definition":"start: x","syntax":"lark"}}}}"""));
                request["messages"]!.AsArray().Insert(request["messages"]!.AsArray().Count - 1, JsonNode.Parse("""{"role":"assistant","content":null,"tool_calls":[{"id":"call_p","type":"custom","custom":{"name":"apply_patch","input":"*** Begin Patch\n*** End Patch"}}]}"""));
                request["messages"]!.AsArray().Insert(request["messages"]!.AsArray().Count - 1, JsonNode.Parse("""{"role":"tool","tool_call_id":"call_p","content":"Done."}"""));
                break;
            case ApiProtocol.Responses:
                request["input"]!.AsArray().Add(JsonNode.Parse("""{"type":"message","role":"user","content":[{"type":"input_image","image_url":"https://example.com/a.png","detail":"low"},{"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}]}"""));
                request["input"]!.AsArray().Add(JsonNode.Parse("""{"type":"function_call","call_id":"call_s","name":"shell","arguments":"{\"command\":[\"ls\"]}"}"""));
                request["input"]!.AsArray().Add(JsonNode.Parse("""{"type":"function_call_output","call_id":"call_s","output":"README.md"}"""));
                request["text"]!["format"] = JsonNode.Parse("""{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}""");
                request["max_output_tokens"] = 100;
                break;
            default:
                request["output_config"] = JsonNode.Parse("""{"format":{"type":"json_schema","schema":{"type":"object"}},"effort":"low"}""");
                request["context_management"] = JsonNode.Parse("""{"edits":[{"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":1}}]}""");
                break;
        }

        request["stream"] = stream;
        return request;
    }

    private static ApiProtocol ClientProtocol(string path) =>
        path.StartsWith(EngineHarness.MessagesPath, StringComparison.Ordinal) ? ApiProtocol.Messages
        : path.StartsWith(EngineHarness.ResponsesPath, StringComparison.Ordinal) ? ApiProtocol.Responses
        : ApiProtocol.Chat;
}
