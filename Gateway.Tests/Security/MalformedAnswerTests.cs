using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// SPEC 9, bad input from the other side: every member and element of an upstream's whole answer, and of each event of
/// its stream (a turn that thinks, says something and calls two tools, <see cref="WeatherTurns"/>), replaced in turn by
/// a value of each other JSON kind or an odd one of its own, and taken to a client of each protocol; and the same for the
/// failures an upstream reports. The client gets a whole answer in its protocol, a stream that ends with its closing or
/// error event, or an error in its protocol: never a 500.
/// </summary>
public sealed class MalformedAnswerTests
{
    private const string FailureMessage = "upstream says no";

    public static TheoryData<ApiProtocol, ApiProtocol, bool> Pairs() =>
        ClientAnswers.Rows(from client in ClientAnswers.Protocols from upstream in ClientAnswers.Protocols from stream in new[] { false, true } select (client, upstream, stream));

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryAnswerMemberOfAnotherKind_ReachesTheClientWholeOrAsAnErrorInItsProtocol_NeverA500(ApiProtocol client, ApiProtocol upstream, bool stream)
    {
        // The answer as it is gets through whole, so each variant reaches the part that reads what it changed.
        await AssertEveryVariantAnsweredAsync(client, upstream, stream, WeatherTurns.Calls(upstream, stream), (status, text) => status == HttpStatusCode.OK && ClientAnswers.IsWhole(client, stream, text));
    }

    /// <summary>
    /// The same for the failures an upstream reports (SPEC 3): a 400 and a 429 with an error body in its protocol's shape,
    /// and a stream whose handshake ends in its protocol's failure event.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryFailureMemberOfAnotherKind_ReachesTheClientAsAnErrorInItsProtocol_NeverA500(ApiProtocol client, ApiProtocol upstream, bool stream)
    {
        // The failure as it is reaches the client as an error, so each variant reaches the part that reads what it changed.
        foreach (var failure in Failures(upstream, stream))
        {
            await AssertEveryVariantAnsweredAsync(client, upstream, stream, failure, (status, text) => status != HttpStatusCode.OK && ClientAnswers.IsError(client, text));
        }
    }

    private static async Task AssertEveryVariantAnsweredAsync(ApiProtocol client, ApiProtocol upstreamProtocol, bool stream, UpstreamReply original, Func<HttpStatusCode, string, bool> originalArrived)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountSpeakingAsync(upstreamProtocol);
        var path = WeatherTurns.PathFor(client);
        var request = WeatherTurns.Question(client, stream);

        upstream.On(WeatherTurns.PathFor(upstreamProtocol), original);
        using var first = await gateway.PostAsync(path, request);
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.True(originalArrived(first.StatusCode, firstText), $"{(int)first.StatusCode} {firstText}");
        await ReadyAgainAsync();

        var failures = new List<string>();
        foreach (var (where, answer) in Variants(original))
        {
            upstream.On(WeatherTurns.PathFor(upstreamProtocol), answer);
            using var response = await gateway.PostAsync(path, request);
            var text = await response.Content.ReadAsStringAsync();
            if (!ClientAnswers.IsAccepted(client, stream, response.StatusCode, text, upstreamMayFail: true))
            {
                failures.Add($"{where}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }

            // An answer the gateway refused may have cooled its account down: the next variant finds it ready again.
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await ReadyAgainAsync();
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        async Task ReadyAgainAsync()
        {
            await gateway.Service<AccountAdminService>().ClearCooldownAsync(account.Id, "test", CancellationToken.None);
            await gateway.Service<AccountPool>().RefreshAsync(CancellationToken.None);
        }
    }

    private static IEnumerable<UpstreamReply> Failures(ApiProtocol upstream, bool stream)
    {
        foreach (var status in new[] { 400, 429 })
        {
            yield return upstream == ApiProtocol.Messages
                ? AnthropicReplies.Error(status, status == 429 ? "rate_limit_error" : "invalid_request_error", FailureMessage)
                : UpstreamReply.Error(status, FailureMessage, status == 429 ? "rate_limit_exceeded" : "invalid_request_error", "some_code");
        }

        if (!stream)
        {
            yield break;
        }

        yield return upstream switch
        {
            ApiProtocol.Chat => UpstreamReply.Sse($$$"""{"error":{"message":"{{{FailureMessage}}}","type":"server_error","code":"overloaded"}}"""),
            ApiProtocol.Responses => new UpstreamReply
            {
                Events =
                [
                    SseStep.Event("response.created", """{"type":"response.created","sequence_number":0,"response":{"id":"resp_f","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-5","output":[]}}"""),
                    SseStep.Event("response.failed", $$$$"""{"type":"response.failed","sequence_number":1,"response":{"id":"resp_f","object":"response","created_at":1700000000,"status":"failed","model":"gpt-5","output":[],"error":{"code":"server_error","message":"{{{{FailureMessage}}}}"}}}"""),
                ],
            },
            _ => new UpstreamReply { Events = [.. AnthropicReplies.Handshake(), AnthropicReplies.ErrorEvent("overloaded_error", FailureMessage)] },
        };
    }

    /// <summary>The answer with one member or element of its body, or of one event's data, malformed (<see cref="MalformedJson"/>).</summary>
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
