#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.
using System.Net;

namespace Gateway.Tests.Protocols;

/// <summary>
/// The Responses API's calls about one response — GET and DELETE /v1/responses/{id}, POST …/cancel, GET …/input_items —
/// with the official SDK where it has the call: a response the gateway stored (served through a Chat account) answered
/// from the store; one an account speaking Responses made (a background response) asked of that very account; either only
/// for the key that received it.
/// </summary>
public sealed class ResponseCallsGatewayTests
{
    private const string BackgroundId = "resp_bg";
    private const string BackgroundPath = EngineHarness.ResponsesPath + "/" + BackgroundId;

    [Fact]
    public async Task AStoredResponse_IsReadBack_AsTheClientReceivedIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Hello Ada."));

        var created = await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"I am Ada.","instructions":"Be brief.","metadata":{"team":"blue"}}"""));
        var id = created["id"]!.GetValue<string>();
        var read = await gateway.Client.GetAsync($"{EngineHarness.ResponsesPath}/{id}");
        ResponseResult bySdk = await Client(gateway).GetResponseAsync(id);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(JsonNode.DeepEquals(created, await EngineHarness.JsonAsync(read)), "the response read back differs from the one answered");
        Assert.Equal(("Hello Ada.", "blue"), (bySdk.GetOutputText(), bySdk.Metadata["team"]));
    }

    [Fact]
    public async Task AStreamedStoredResponse_IsReadBack_AsItsCompletedEventCarriedIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["Hello ", "Ada."]));

        var stream = await (await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"I am Ada.","stream":true}""")).Content.ReadAsStringAsync();
        var completed = SseText.Payloads(stream).Single(e => e["type"]!.GetValue<string>() == "response.completed")["response"]!;
        var read = await Client(gateway).GetResponseAsync(completed["id"]!.GetValue<string>());

        Assert.Equal("Hello Ada.", read.Value.GetOutputText());
        Assert.True(JsonNode.DeepEquals(completed, JsonNode.Parse(read.GetRawResponse().Content.ToString())), "the response read back differs from the completed event's");
    }

    [Fact]
    public async Task InputItems_ListTheTurnsOwnInput_LastFirst_PagedByAfter_ThoseSentWithoutAnIdGivenOne()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Three noted."));
        var created = await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """
            {"model":"gpt-4o","input":[
              {"id":"msg_1","type":"message","role":"user","content":"one"},
              {"type":"message","role":"user","content":[{"type":"input_text","text":"two"}]},
              {"id":"msg_3","role":"user","content":"three"}]}
            """));
        var items = $"{EngineHarness.ResponsesPath}/{created["id"]}/input_items";

        var first = await EngineHarness.JsonAsync(await gateway.Client.GetAsync($"{items}?limit=2"));
        var given = Ids(first)[1];
        var rest = await EngineHarness.JsonAsync(await gateway.Client.GetAsync($"{items}?limit=2&after={given}"));
        var ascending = await EngineHarness.JsonAsync(await gateway.Client.GetAsync($"{items}?order=asc"));
        var bySdk = new List<ResponseItem>();
        await foreach (var item in Client(gateway).GetResponseInputItemsAsync(new ResponseItemCollectionOptions(created["id"]!.GetValue<string>()) { PageSizeLimit = 1 }))
        {
            bySdk.Add(item);
        }

        Assert.StartsWith("msg_", given, StringComparison.Ordinal);
        Assert.Equal(["msg_3", given], Ids(first));
        Assert.Equal(("msg_3", given, true), (first["first_id"]!.GetValue<string>(), first["last_id"]!.GetValue<string>(), first["has_more"]!.GetValue<bool>()));
        Assert.Equal(["msg_1"], Ids(rest));
        Assert.False(rest["has_more"]!.GetValue<bool>());
        Assert.Equal(["msg_1", given, "msg_3"], Ids(ascending));
        Assert.Equal("""[{"type":"input_text","text":"one"}]""", ascending["data"]![0]!["content"]!.ToJsonString());
        Assert.Equal("message", ascending["data"]![2]!["type"]!.GetValue<string>());
        Assert.Equal(["msg_3", given, "msg_1"], bySdk.Select(i => i.Id));
        Assert.Equal("three", Assert.IsAssignableFrom<MessageResponseItem>(bySdk[0]).Content[0].Text);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=two", "limit")]
    [InlineData("?order=newest", "order")]
    [InlineData("?after=msg_nowhere", "after")]
    public async Task InputItems_WithABadParameter_Are400NamingIt(string query, string param)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Hi."));
        var created = await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Hi"}"""));

        var refused = await gateway.Client.GetAsync($"{EngineHarness.ResponsesPath}/{created["id"]}/input_items{query}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await EngineHarness.JsonAsync(refused))["error"]!;
        Assert.Equal(("invalid_request_error", param), (error["type"]!.GetValue<string>(), error["param"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeletingAStoredResponse_ForgetsIt_SoItCanNeitherBeReadNorContinued()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Hello."));
        var client = Client(gateway);
        ResponseResult created = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Hi")]));

        ResponseDeletionResult deleted = await client.DeleteResponseAsync(created.Id);
        var read = await gateway.Client.GetAsync($"{EngineHarness.ResponsesPath}/{created.Id}");
        var again = await gateway.Client.DeleteAsync($"{EngineHarness.ResponsesPath}/{created.Id}");
        var continued = await gateway.PostAsync(EngineHarness.ResponsesPath, $$"""{"model":"gpt-4o","previous_response_id":"{{created.Id}}","input":"Again"}""");

        Assert.Equal((created.Id, true), (deleted.ResponseId, deleted.Deleted));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, again.StatusCode));
        Assert.Contains(created.Id, (await EngineHarness.JsonAsync(read))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("previous_response_not_found", (await EngineHarness.JsonAsync(continued))["error"]!["code"]!.GetValue<string>());
        await using var db = gateway.App.CreateDbContext();
        Assert.False(await db.StoredResponseItems.AnyAsync());
    }

    [Fact]
    public async Task AStoredResponse_WasAnsweredInFull_SoItCannotBeCancelledOrStreamedAgain()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var upstream = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        upstream.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Hello."));
        var created = await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Hi"}"""));
        var path = $"{EngineHarness.ResponsesPath}/{created["id"]}";

        var cancelled = await gateway.Client.PostAsync($"{path}/cancel", null);
        var streamed = await gateway.Client.GetAsync($"{path}?stream=true");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (cancelled.StatusCode, streamed.StatusCode));
        Assert.Contains("only a background response can be cancelled", (await EngineHarness.JsonAsync(cancelled))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("stream", (await EngineHarness.JsonAsync(streamed))["error"]!["param"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherKeysResponses_AreUnknown_ToEveryCall_AndCannotBeContinued_AndNoUpstreamIsAsked()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var chat = await CustomToolGatewayTests.ChatOnlyAsync(gateway);
        chat.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("Hello."));
        var stored = (await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Hi"}""")))["id"]!.GetValue<string>();
        var (_, responses) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Priority = 0 });
        responses.On(EngineHarness.ResponsesPath, Queued());
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""", requestId: "made");
        await gateway.UsageAsync("made");
        using var other = OtherClient(gateway, await gateway.AddKeyAsync("other"));

        foreach (var id in new[] { stored, BackgroundId })
        {
            var path = $"{EngineHarness.ResponsesPath}/{id}";
            var answers = new[]
            {
                await other.GetAsync(path), await other.DeleteAsync(path), await other.PostAsync($"{path}/cancel", null), await other.GetAsync($"{path}/input_items"),
            };
            var continued = await other.PostAsync(EngineHarness.ResponsesPath, new StringContent($$"""{"model":"gpt-4o","previous_response_id":"{{id}}","input":"Go on."}""", Encoding.UTF8, "application/json"));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
            Assert.Equal(HttpStatusCode.BadRequest, continued.StatusCode);
            Assert.Equal("previous_response_not_found", (await EngineHarness.JsonAsync(continued))["error"]!["code"]!.GetValue<string>());
        }

        Assert.Single(responses.Received);
        Assert.NotNull(await Client(gateway).GetResponseAsync(stored));
    }

    [Fact]
    public async Task APreviousResponseIdTheGatewayNeverSaw_IsLeftToTheUpstreamToJudge()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.ResponsesAnswer("Welcome back."));

        var continued = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","previous_response_id":"resp_from_before_the_upgrade","input":"Go on."}""");

        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
        Assert.Contains("resp_from_before_the_upgrade", Assert.Single(upstream.Received).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABackgroundResponse_IsPolledAndCancelled_OnTheAccountThatMadeIt()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, failing) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Name = "first", Priority = 1 });
        failing.On(EngineHarness.ResponsesPath, UpstreamReply.Error(500, "boom", "server_error"));
        var (_, made) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { Name = "maker", ApiKey = "sk-upstream-maker", Priority = 2 });
        made.On(EngineHarness.ResponsesPath, Queued());
        made.On(BackgroundPath, Background("completed", "Deep thought."));
        made.On(BackgroundPath + "/cancel", Background("cancelled", ""));
        var client = Client(gateway);

        ResponseResult queued = await client.CreateResponseAsync(new CreateResponseOptions("gpt-4o", [ResponseItem.CreateUserMessageItem("Think long.")]) { BackgroundModeEnabled = true });
        ResponseResult polled = await client.GetResponseAsync(queued.Id);
        ResponseResult cancelled = await client.CancelResponseAsync(queued.Id);

        Assert.Equal((BackgroundId, ResponseStatus.Queued), (queued.Id, queued.Status));
        Assert.Equal((ResponseStatus.Completed, "Deep thought."), (polled.Status, polled.GetOutputText()));
        Assert.Equal(ResponseStatus.Cancelled, cancelled.Status);
        Assert.Equal([("GET", BackgroundPath), ("POST", BackgroundPath + "/cancel")], made.Received.Skip(1).Select(r => (r.Method, r.Path)));
        Assert.All(made.Received, r => Assert.Equal("Bearer sk-upstream-maker", r.Headers["Authorization"]));
        Assert.Single(failing.Received);
    }

    [Fact]
    public async Task ACallAboutAnUpstreamsResponse_PassesTheClientsQuery_AndItsAnswer()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, Queued());
        const string list = """{"object":"list","data":[{"id":"msg_in","type":"message","role":"user","content":[{"type":"input_text","text":"Think long."}]}],"first_id":"msg_in","last_id":"msg_in","has_more":false}""";
        upstream.On(BackgroundPath + "/input_items", UpstreamReply.Json(list));
        upstream.On(BackgroundPath, UpstreamReply.Json("""{"id":"resp_bg","object":"response","deleted":true}"""));
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""");

        var items = await gateway.Client.GetAsync($"{BackgroundPath}/input_items?limit=5&order=asc&include[]=message.input_image.image_url");
        var deleted = await gateway.Client.DeleteAsync(BackgroundPath);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(list), await EngineHarness.JsonAsync(items)));
        Assert.True((await EngineHarness.JsonAsync(deleted))["deleted"]!.GetValue<bool>());
        var relayed = upstream.Received.Skip(1).ToList();
        Assert.Equal([("GET", "?limit=5&order=asc&include[]=message.input_image.image_url"), ("DELETE", "")], relayed.Select(r => (r.Method, Uri.UnescapeDataString(r.Query))));
    }

    [Fact]
    public async Task ABackgroundResponse_IsStreamedAgain_FromTheEventTheClientNames()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, Queued());
        upstream.On(BackgroundPath, UpstreamReply.ResponsesStream(["Deep ", "thought."]));
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""");

        var streamed = await gateway.Client.GetAsync($"{BackgroundPath}?stream=true&starting_after=3");
        var text = await streamed.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", streamed.Content.Headers.ContentType!.MediaType);
        Assert.Equal("?stream=true&starting_after=3", upstream.Received[^1].Query);
        Assert.Equal("text/event-stream", upstream.Received[^1].Headers["Accept"]);
        var events = SseText.EventTypes(text).ToList();
        Assert.Equal(["response.created", "response.completed"], [events[0], events[^1]]);
        Assert.Contains("Deep ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABackgroundStream_ThatBrokeOff_OrThatItsClientLeft_IsResumedOnTheAccountThatMadeIt(bool clientLeaves)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        var start = UpstreamReply.ResponsesStream(["Deep ", "thought."]).Events!.Take(5).ToList();
        upstream.On(EngineHarness.ResponsesPath, clientLeaves
            ? new UpstreamReply { Events = start, HoldOpenAfterSending = TimeSpan.FromMinutes(5) }
            : new UpstreamReply { Events = start, AbortAfterSending = true });
        // The scripted stream's response is resp_test.
        upstream.On(EngineHarness.ResponsesPath + "/resp_test", UpstreamReply.ResponsesStream(["Deep ", "thought."]));

        using (var leaving = new CancellationTokenSource())
        {
            var stream = await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true,"stream":true}""",
                requestId: "bg-stream", completion: HttpCompletionOption.ResponseHeadersRead, ct: leaving.Token);
            var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(leaving.Token));
            Assert.Contains("Deep ", await ReadUntilAsync(reader, "Deep "), StringComparison.Ordinal);
            if (clientLeaves)
            {
                await leaving.CancelAsync();
                stream.Dispose();
            }
            else
            {
                await reader.ReadToEndAsync(leaving.Token);
            }
        }

        await gateway.UsageAsync("bg-stream");
        var resumed = await gateway.Client.GetStringAsync($"{EngineHarness.ResponsesPath}/resp_test?stream=true&starting_after=4");

        Assert.Contains("thought.", resumed, StringComparison.Ordinal);
        Assert.Equal(("GET", "?stream=true&starting_after=4"), (upstream.Received[^1].Method, upstream.Received[^1].Query));
    }

    [Fact]
    public async Task ABackgroundResponseThatFailed_ReachesTheClient_ScrubbedOfTheAccountsKey()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, Queued());
        upstream.On(BackgroundPath, UpstreamReply.Json($$$"""{"id":"resp_bg","object":"response","status":"failed","model":"gpt-4o","output":[],"error":{"code":"server_error","message":"Tool call failed with key sk-upstream-{{{account.Name}}}"}}"""));
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""");

        var polled = await EngineHarness.JsonAsync(await gateway.Client.GetAsync(BackgroundPath));

        Assert.Equal("failed", polled["status"]!.GetValue<string>());
        Assert.StartsWith("Tool call failed with key ", polled["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain($"sk-upstream-{account.Name}", polled.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WhatABackgroundResponseSpentAfterItWasQueued_GoesOnTheUsageRowOfTheRequestThatCreatedIt_Once(bool streamedAgain)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        var queued = new JsonObject { ["id"] = "resp_test", ["object"] = "response", ["status"] = "queued", ["background"] = true, ["model"] = "gpt-4o", ["output"] = new JsonArray() };
        upstream.On(EngineHarness.ResponsesPath, UpstreamReply.Json(queued.ToJsonString()));
        upstream.On(EngineHarness.ResponsesPath + "/resp_test", streamedAgain ? UpstreamReply.ResponsesStream(["Deep thought."], inputTokens: 11, outputTokens: 13) : UpstreamReply.ResponsesAnswer("Deep thought.", inputTokens: 11, outputTokens: 13),
            UpstreamReply.ResponsesAnswer("Deep thought.", inputTokens: 99, outputTokens: 99));
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""", requestId: "created");
        var created = await gateway.UsageAsync("created");

        await gateway.Client.GetStringAsync($"{EngineHarness.ResponsesPath}/resp_test{(streamedAgain ? "?stream=true" : "")}");
        await gateway.Client.GetStringAsync($"{EngineHarness.ResponsesPath}/resp_test");

        Assert.Equal((0, 0), (created.InputTokens, created.OutputTokens));
        var row = await gateway.UsageAsync("created");
        Assert.Equal((11, 13, 1), (row.InputTokens, row.OutputTokens, await CountRowsAsync(gateway)));
    }

    [Fact]
    public async Task ARelayedResponse_NamesTheModelTheClientAskedFor_OnAMappedAccount()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "provider-model" } });
        upstream.On(EngineHarness.ResponsesPath, Queued("provider-model"));
        upstream.On(BackgroundPath, Background("completed", "Done.", "provider-model"));

        var queued = await EngineHarness.JsonAsync(await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}"""));
        ResponseResult polled = await Client(gateway).GetResponseAsync(BackgroundId);

        Assert.Equal(("gpt-4o", "gpt-4o"), (queued["model"]!.GetValue<string>(), polled.Model));
    }

    [Theory]
    [InlineData(404, HttpStatusCode.NotFound)]
    [InlineData(400, HttpStatusCode.BadRequest)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    [InlineData(401, HttpStatusCode.BadGateway)]
    [InlineData(403, HttpStatusCode.BadGateway)]
    [InlineData(500, HttpStatusCode.BadGateway)]
    public async Task WhatTheAccountSaysAboutTheResponse_ReachesTheClient_ItsOwnTroubleIsTheGateways(int upstreamStatus, HttpStatusCode expected)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses);
        upstream.On(EngineHarness.ResponsesPath, Queued());
        upstream.On(BackgroundPath, UpstreamReply.Error(upstreamStatus, $"Trouble with resp_bg for key sk-upstream-{account.Name}"));
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""");

        var answer = await gateway.Client.GetAsync(BackgroundPath);
        var text = await answer.Content.ReadAsStringAsync();

        Assert.Equal(expected, answer.StatusCode);
        Assert.DoesNotContain($"sk-upstream-{account.Name}", text, StringComparison.Ordinal);
        Assert.Equal(upstreamStatus is 400 or 404, text.Contains("Trouble with resp_bg", StringComparison.Ordinal));
        await gateway.AssertUnpenalisedAsync(account.Id);
    }

    [Fact]
    public async Task TheUsageRow_NamesTheResponse_AndFindsTheAccountThatMadeIt_AfterTheMemoryOfItIsGone_ForItsKeyOnly()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddOneProtocolAccountAsync(EndpointMode.Responses, i => i with { ModelMapping = new Dictionary<string, string> { ["gpt-4o"] = "provider-model" } });
        upstream.On(EngineHarness.ResponsesPath, Queued());
        await gateway.PostAsync(EngineHarness.ResponsesPath, """{"model":"gpt-4o","input":"Think long.","background":true}""", requestId: "bg");
        var row = await gateway.UsageAsync("bg");

        // A fresh instance remembers nothing: as after a restart, or on another instance.
        var owners = ActivatorUtilities.CreateInstance<ResponseOwners>(gateway.App.Services);

        var listed = await gateway.App.CreateAdminClient().GetFromJsonAsync<JsonObject>("/api/admin/usage?request_id=bg");

        Assert.Equal(BackgroundId, row.ResponseId);
        Assert.Equal(BackgroundId, listed!["items"]![0]!["response_id"]!.GetValue<string>());
        Assert.Equal(new ResponseOwner(account.Id, "gpt-4o", "provider-model"), await owners.FindAsync(row.KeyId!.Value, BackgroundId, default));
        Assert.Null(await owners.FindAsync(row.KeyId!.Value + 1, BackgroundId, default));
    }

    [Fact]
    public async Task CallsAboutAResponse_CountAgainstTheKeysLimits_TheModelListAndUnknownPathsDoNot()
    {
        await using var gateway = await EngineHarness.StartAsync();
        using var limited = OtherClient(gateway, await gateway.AddKeyAsync("limited", i => i with { RequestsPerMinute = 1 }));

        var first = await limited.GetAsync($"{EngineHarness.ResponsesPath}/resp_unknown");
        var second = await limited.GetAsync($"{EngineHarness.ResponsesPath}/resp_unknown");
        var models = await limited.GetAsync("/v1/models");
        var unknown = await limited.GetAsync("/v1/nothing-here");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests), (first.StatusCode, second.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (models.StatusCode, unknown.StatusCode));
    }

    private static ResponsesClient Client(EngineHarness gateway) =>
        new(new ApiKeyCredential(gateway.Key), new ResponsesClientOptions { Endpoint = new Uri(gateway.Address, "v1") });

    private static HttpClient OtherClient(EngineHarness gateway, string key) =>
        new() { BaseAddress = gateway.Address, DefaultRequestHeaders = { Authorization = new("Bearer", key) } };

    private static async Task<int> CountRowsAsync(EngineHarness gateway)
    {
        await using var db = gateway.App.CreateDbContext();
        return await db.UsageLogs.CountAsync();
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string text)
    {
        var read = new StringBuilder();
        while (!read.ToString().Contains(text, StringComparison.Ordinal) && await reader.ReadLineAsync() is { } line)
        {
            read.AppendLine(line);
        }

        return read.ToString();
    }

    private static List<string> Ids(JsonObject page) => [.. page["data"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    private static UpstreamReply Queued(string model = "gpt-4o") => Background("queued", "", model);

    private static UpstreamReply Background(string status, string text, string model = "gpt-4o") => UpstreamReply.Json(new JsonObject
    {
        ["id"] = BackgroundId,
        ["object"] = "response",
        ["created_at"] = 1_700_000_000,
        ["status"] = status,
        ["background"] = true,
        ["model"] = model,
        ["output"] = text.Length == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject
            {
                ["id"] = "msg_bg", ["type"] = "message", ["status"] = "completed", ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
            }),
    }.ToJsonString());
}
