using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// SPEC 9, bad input from the other side: every member and element of an upstream's whole answer, and of each event of
/// its stream (a turn that thinks, says something and calls two tools, <see cref="WeatherTurns"/>), replaced in turn by
/// a value of each other JSON kind, and taken to a client of each protocol. The client gets a whole answer in its
/// protocol, a stream that ends with its closing or error event, or an error in its protocol: never a 500.
/// </summary>
public sealed class MalformedAnswerTests
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"}}}""";

    public static TheoryData<ApiProtocol, ApiProtocol, bool> Pairs() =>
        ClientAnswers.Rows(from client in ClientAnswers.Protocols from upstream in ClientAnswers.Protocols from stream in new[] { false, true } select (client, upstream, stream));

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryAnswerMemberOfAnotherKind_ReachesTheClientWholeOrAsAnErrorInItsProtocol_NeverA500(ApiProtocol client, ApiProtocol upstreamProtocol, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountSpeakingAsync(upstreamProtocol);
        var path = WeatherTurns.PathFor(client);
        var request = Request(client, stream);

        // The answer as it is gets through whole, so each variant reaches the part that reads what it changed.
        var calls = WeatherTurns.Calls(upstreamProtocol, stream);
        upstream.On(WeatherTurns.PathFor(upstreamProtocol), calls);
        var whole = await gateway.PostAsync(path, request);
        Assert.True(ClientAnswers.IsWhole(client, stream, await whole.Content.ReadAsStringAsync()), $"{(int)whole.StatusCode} {await whole.Content.ReadAsStringAsync()}");

        var failures = new List<string>();
        foreach (var (where, answer) in Variants(calls))
        {
            upstream.On(WeatherTurns.PathFor(upstreamProtocol), answer);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            HttpResponseMessage response;
            string text;
            try
            {
                response = await gateway.PostAsync(path, request, ct: patience.Token);
                text = await response.Content.ReadAsStringAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                failures.Add($"{where}: no whole answer within 10 s");
                continue;
            }

            if (response.StatusCode == HttpStatusCode.OK ? !ClientAnswers.IsWhole(client, stream, text) : response.StatusCode == HttpStatusCode.InternalServerError || !ClientAnswers.IsError(client, text))
            {
                failures.Add($"{where}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }

            // An answer the gateway refused cools its account down: the next variant finds it ready again.
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await gateway.Service<AccountAdminService>().ClearCooldownAsync(account.Id, "test", CancellationToken.None);
                await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Request(ApiProtocol client, bool stream)
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Weather in Paris and Rome?" });
        var request = client switch
        {
            ApiProtocol.Chat => new JsonObject
            {
                ["model"] = "gpt-4o",
                ["messages"] = messages,
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "weather", ["parameters"] = JsonNode.Parse(Schema) } }),
            },
            ApiProtocol.Responses => new JsonObject
            {
                ["model"] = "gpt-4o",
                ["input"] = "Weather in Paris and Rome?",
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "weather", ["parameters"] = JsonNode.Parse(Schema) }),
            },
            _ => new JsonObject
            {
                ["model"] = "claude-sonnet-4-5",
                ["max_tokens"] = 100,
                ["messages"] = messages,
                ["tools"] = new JsonArray(new JsonObject { ["name"] = "weather", ["input_schema"] = JsonNode.Parse(Schema) }),
            },
        };
        request["stream"] = stream;
        if (stream && client == ApiProtocol.Chat)
        {
            request["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return request.ToJsonString();
    }

    /// <summary>The answer with one member or element of its body, or of one event's data, replaced by a value of another kind.</summary>
    private static IEnumerable<(string Where, UpstreamReply Answer)> Variants(UpstreamReply answer)
    {
        if (answer.Events is not { } events)
        {
            foreach (var (where, body) in MalformedJson.Variants(JsonNode.Parse(answer.Body!)!.AsObject()))
            {
                yield return (where, answer with { Body = body });
            }

            yield break;
        }

        for (var i = 0; i < events.Count; i++)
        {
            var lines = events[i].Raw.Split('\n');
            var dataLine = Array.FindIndex(lines, l => l.StartsWith("data: ", StringComparison.Ordinal));
            // [DONE] is no JSON.
            if (lines[dataLine]["data: ".Length..] is not ['{', ..] json || JsonNode.Parse(json) is not JsonObject data)
            {
                continue;
            }

            foreach (var (where, body) in MalformedJson.Variants(data))
            {
                var changed = (string[])lines.Clone();
                changed[dataLine] = "data: " + body;
                var steps = events.ToArray();
                steps[i] = new SseStep(string.Join('\n', changed));
                yield return ($"event {i}: {where}", answer with { Events = steps });
            }
        }
    }
}
