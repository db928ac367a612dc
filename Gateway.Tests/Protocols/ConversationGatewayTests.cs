#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.
using System.Linq.Expressions;

namespace Gateway.Tests.Protocols;

/// <summary>
/// SPEC 5.3 conversation state through a Chat-only account, with the official SDK as the client: previous_response_id
/// and item_reference rebuilt into the whole history, unknown ids answered 400, store:false keeping nothing, and a
/// Chat upstream's reasoning handed back on the next turn.
/// </summary>
public sealed class ConversationGatewayTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThreeTurnsByPreviousResponseId_TheUpstreamReceivesTheWholeHistory(bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, Answer("Hello Ada.", stream), Answer("Noted.", stream), Answer("Ada, who likes tea.", stream));
        var client = Client(gateway);

        var first = await RespondAsync(client, new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("I am Ada.")]) { Instructions = "Be brief." }, stream);
        var second = await RespondAsync(client, new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("I like tea.")]) { PreviousResponseId = first.Id, Instructions = "Be brief." }, stream);
        var third = await RespondAsync(client, new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Who am I?")]) { PreviousResponseId = second.Id, Instructions = "Be brief." }, stream);

        Assert.Equal("Ada, who likes tea.", third.GetOutputText());
        Assert.Equal(second.Id, third.PreviousResponseId);
        Assert.Equal(3, new[] { first.Id, second.Id, third.Id }.Distinct().Count());
        AssertTheThirdTurnCarriedTheWholeHistory(upstream, "Be brief.");
    }

    [Fact]
    public async Task ThreeTurnsByItemReference_TheUpstreamReceivesTheWholeHistory()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, Answer("Hello Ada.", false), Answer("Noted.", false), Answer("Ada, who likes tea.", false));
        var client = Client(gateway);

        // As the Vercel AI SDK sends a conversation: its own turns in full, earlier assistant turns by reference.
        List<ResponseItem> input = [ResponseItem.CreateUserMessageItem("I am Ada.")];
        ResponseResult first = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", input));
        input.Add(ResponseItem.CreateReferenceItem(first.OutputItems[0].Id));
        input.Add(ResponseItem.CreateUserMessageItem("I like tea."));
        ResponseResult second = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", input));
        input.Add(ResponseItem.CreateReferenceItem(second.OutputItems[0].Id));
        input.Add(ResponseItem.CreateUserMessageItem("Who am I?"));
        ResponseResult third = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", input));

        Assert.Equal("Ada, who likes tea.", third.GetOutputText());
        AssertTheThirdTurnCarriedTheWholeHistory(upstream, null);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","previous_response_id":"resp_nobody","input":"Hi"}""", "previous_response_not_found", "resp_nobody", "previous_response_id")]
    [InlineData("""{"model":"gpt-4o","input":[{"type":"item_reference","id":"msg_nobody"}]}""", "item_not_found", "msg_nobody", "input")]
    public async Task UnknownIds_Get400InOpenAisShape_NamingTheField_AndNothingReachesTheUpstream(string body, string code, string id, string param)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("never"));

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, body, requestId: "req-unknown");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EngineHarness.JsonAsync(response))["error"]!;
        Assert.Equal(("invalid_request_error", code, param), (error["type"]!.GetValue<string>(), error["code"]!.GetValue<string>(), error["param"]!.GetValue<string>()));
        Assert.Contains(id, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(upstream.Received);
        var usage = await gateway.UsageAsync("req-unknown");
        Assert.Equal((400, "request_error", "stop"), (usage.Status, Assert.Single(usage.Trace).FailureClass, usage.Trace[0].Decision));
        Assert.Equal(0, usage.Trace[0].Status);
    }

    [Fact]
    public async Task AStoredConversationThatCannotBeRead_Is503WithItsUsageRow_NotA500()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        await using (var db = gateway.App.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys=OFF; DROP TABLE stored_response_items; DROP TABLE stored_responses;");
        }

        var response = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","previous_response_id":"resp_earlier","input":"Hi","stream":true}""", requestId: "store-down");

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("conversation_unavailable", (await EngineHarness.JsonAsync(response))["error"]!["code"]!.GetValue<string>());
        Assert.Empty(upstream.Received);
        var usage = await gateway.UsageAsync("store-down");
        Assert.Equal((503, "gpt-4o", true), (usage.Status, usage.Model, usage.Stream));
    }

    [Fact]
    public async Task UnknownPreviousResponseId_ThroughTheSdk_IsAClientError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        await CustomToolGatewayTests.ChatOnlyAsync(gateway);

        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client(gateway).CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi")]) { PreviousResponseId = "resp_nobody" }));

        Assert.Equal(400, refused.Status);
        Assert.Contains("previous_response_not_found", refused.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFalse_StoresNothing_SoTheResponseCannotBeContinued()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, Answer("Hello.", false));
        var client = Client(gateway);

        ResponseResult unstored = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi")]) { StoredOutputEnabled = false });
        var refused = await Assert.ThrowsAsync<ClientResultException>(() =>
            client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Again")]) { PreviousResponseId = unstored.Id }));
        ResponseResult stored = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi")]));

        Assert.Equal(400, refused.Status);
        await Eventually.TrueAsync(async () =>
        {
            await using var db = gateway.App.CreateDbContext();
            return await db.StoredResponses.AnyAsync(r => r.Id == stored.Id);
        }, "the stored response");
        await using var check = gateway.App.CreateDbContext();
        Assert.Equal([stored.Id], await check.StoredResponses.Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public async Task ReasoningContent_OfAChatUpstream_ComesBackOnTheNextTurn()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(
            EngineHarness.ChatPath,
            UpstreamReply.Json("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"deepseek-reasoner","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                  "reasoning_content":"Weather needs the tool.","tool_calls":[{"id":"call_w","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]}}],
                 "usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29,"completion_tokens_details":{"reasoning_tokens":5}}}
                """),
            UpstreamReply.ChatCompletion("18C in Paris."));
        var client = Client(gateway);
        var options = new CreateResponseOptions("deepseek-reasoner", [ResponseItem.CreateUserMessageItem("Weather in Paris?")]);
        options.Tools.Add(ResponseTool.CreateFunctionTool("weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}"""), strictModeEnabled: false));

        ResponseResult first = await client.CreateResponseAsync(options);
        var reasoning = Assert.IsType<ReasoningResponseItem>(first.OutputItems[0]);
        var call = Assert.IsType<FunctionCallResponseItem>(first.OutputItems[1]);
        var next = new CreateResponseOptions("deepseek-reasoner", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18C")]) { PreviousResponseId = first.Id };
        ResponseResult second = await client.CreateResponseAsync(next);

        Assert.Equal("Weather needs the tool.", reasoning.GetSummaryText());
        Assert.Equal(5, first.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal("18C in Paris.", second.GetOutputText());
        Golden.AssertEqual("""
            [
              {"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
              {"role":"assistant","content":null,"reasoning_content":"Weather needs the tool.","tool_calls":[{"id":"call_w","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_w","content":"18C"}
            ]
            """, UpstreamRequest(upstream, 1)["messages"]);
    }

    [Fact]
    public async Task TheNextTurn_StaysOnTheChatAccountThatServedTheResponseItContinues()
    {
        await using var pair = await ChatThenResponses.StartAsync(UpstreamReply.ChatCompletion("From chat."), UpstreamReply.ResponsesAnswer("From responses."));
        var (gateway, client, chatUpstream) = (pair.Gateway, pair.Client, pair.ChatUpstream);
        ResponseResult first = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi")]));

        // The Responses account is preferred from now on, except by the conversation the chat account began.
        await pair.UpdateAsync(pair.Responses, a => a.Priority, 1);
        ResponseResult continued = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("And?")]) { PreviousResponseId = first.Id });
        ResponseResult fresh = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("New topic")]));

        Assert.Equal(("From chat.", "From chat.", "From responses."), (first.GetOutputText(), continued.GetOutputText(), fresh.GetOutputText()));
        Assert.Equal(2, chatUpstream.CountTo(EngineHarness.ChatPath));
    }

    [Fact]
    public async Task AConversationAChatAccountServed_ContinuedOnAResponsesAccount_ReachesItInline_WithoutTheGatewaysIds()
    {
        await using var pair = await ChatThenResponses.StartAsync(UpstreamReply.ChatCompletion("Hello Ada."), UpstreamReply.ResponsesAnswer("You are Ada."), UpstreamReply.ResponsesAnswer("Still Ada."));
        var (client, responsesUpstream) = (pair.Client, pair.ResponsesUpstream);
        ResponseResult first = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("I am Ada.")]));

        // The chat account leaves the rotation: the Responses account takes the conversation over.
        await pair.UpdateAsync(pair.Chat, a => a.Schedulable, false);
        ResponseResult byPreviousId = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Who am I?")]) { PreviousResponseId = first.Id });
        ResponseResult byReference = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateReferenceItem(first.OutputItems[0].Id), ResponseItem.CreateUserMessageItem("Again?")]));

        Assert.Equal(("You are Ada.", "Still Ada."), (byPreviousId.GetOutputText(), byReference.GetOutputText()));
        var sent = responsesUpstream.RequestsTo(EngineHarness.ResponsesPath).Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.All(sent, body => Assert.False(body.ContainsKey("previous_response_id")));
        Assert.Equal(["I am Ada.", "Hello Ada.", "Who am I?"], sent[0]["input"]!.AsArray().Select(Text));
        Assert.Equal(["Hello Ada.", "Again?"], sent[1]["input"]!.AsArray().Select(Text));
        Assert.Equal(["user", "assistant", "user"], sent[0]["input"]!.AsArray().Select(i => i!["role"]!.GetValue<string>()));
        Assert.All(sent.SelectMany(body => body["input"]!.AsArray()), item => Assert.Null(item!["id"]));

        static string Text(JsonNode? item) => item!["content"]!.AsArray()[0]!["text"]!.GetValue<string>();
    }

    /// <summary>A gateway with a Chat-only account at priority 10 and a Responses-only one at 20, and an SDK client.</summary>
    private sealed record ChatThenResponses(EngineHarness Gateway, ResponsesClient Client, Account Chat, ScriptedUpstream ChatUpstream, Account Responses, ScriptedUpstream ResponsesUpstream) : IAsyncDisposable
    {
        public static async Task<ChatThenResponses> StartAsync(UpstreamReply chatAnswer, params UpstreamReply[] responsesAnswers)
        {
            var gateway = await EngineHarness.StartAsync();
            var (chat, chatUpstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Chat, i => i with { Priority = 10 });
            var (responses, responsesUpstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 20 });
            chatUpstream.On(EngineHarness.ChatPath, chatAnswer);
            responsesUpstream.On(EngineHarness.ResponsesPath, responsesAnswers);
            return new ChatThenResponses(gateway, ConversationGatewayTests.Client(gateway), chat, chatUpstream, responses, responsesUpstream);
        }

        /// <summary>Changes one property of <paramref name="account"/> in the database and has the pool read it again.</summary>
        public async Task UpdateAsync<T>(Account account, Expression<Func<Account, T>> property, T value)
        {
            await using (var db = Gateway.App.CreateDbContext())
            {
                await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(property, value));
            }

            await Gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
        }

        public ValueTask DisposeAsync() => Gateway.DisposeAsync();
    }

    private static ResponsesClient Client(EngineHarness gateway) =>
        new(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });

    private static UpstreamReply Answer(string text, bool stream) => stream ? UpstreamReply.ChatStream([text]) : UpstreamReply.ChatCompletion(text);

    /// <summary>The Chat upstream's third request: the instructions as a system message, if any, then every turn of Ada's talk.</summary>
    private static void AssertTheThirdTurnCarriedTheWholeHistory(ScriptedUpstream upstream, string? instructions)
    {
        var expected = JsonNode.Parse("""
            [
              {"role":"user","content":[{"type":"text","text":"I am Ada."}]},
              {"role":"assistant","content":"Hello Ada."},
              {"role":"user","content":[{"type":"text","text":"I like tea."}]},
              {"role":"assistant","content":"Noted."},
              {"role":"user","content":[{"type":"text","text":"Who am I?"}]}
            ]
            """)!.AsArray();
        if (instructions is not null)
        {
            expected.Insert(0, new JsonObject { ["role"] = "system", ["content"] = instructions });
        }

        Golden.AssertEqual(expected.ToJsonString(), UpstreamRequest(upstream, 2)["messages"]);
    }

    private static JsonNode UpstreamRequest(ScriptedUpstream upstream, int index) => JsonNode.Parse(upstream.RequestsTo(EngineHarness.ChatPath)[index].Body)!;

    private static async Task<ResponseResult> RespondAsync(ResponsesClient client, CreateResponseOptions options, bool stream)
    {
        if (!stream)
        {
            return await client.CreateResponseAsync(options);
        }

        options.StreamingEnabled = true;
        ResponseResult? completed = null;
        await foreach (var update in await client.CreateResponseStreamingAsync(options))
        {
            completed = (update as StreamingResponseCompletedUpdate)?.Response ?? completed;
        }

        return completed!;
    }
}
