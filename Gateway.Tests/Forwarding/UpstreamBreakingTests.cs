using System.Net;
using Gateway.Tests.Security;

namespace Gateway.Tests.Forwarding;

/// <summary>
/// SPEC 3, the first-chunk gate, at every point an upstream's connection can break: before its answer, inside it (half
/// of a whole body, or a stream's handshake), and after the gate has committed; from a client of each protocol to an
/// account of each, streamed and not. Before commit the client gets the next account's answer whole, with nothing of
/// the broken attempt in it, and the broken account cools down as after any transient failure (SPEC 4.3); after commit
/// the stream ends with its protocol's error event, nothing is retried and no account state changes.
/// </summary>
public sealed class UpstreamBreakingTests
{
    private static readonly string[] BrokenAttemptMarks = ["chatcmpl-w", "resp_w", "rs_w", WeatherTurns.Thinking];

    [Theory]
    [MemberData(nameof(AnswerMoments.Points), MemberType = typeof(AnswerMoments))]
    public async Task UpstreamBreaking_BeforeCommitFailsOverUnseen_AfterCommitEndsTheStreamWithAnError(ApiProtocol client, ApiProtocol upstreamProtocol, bool stream, AnswerMoment moment)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (broken, upstream, healthy) = await AnswerMoments.AccountAndNextAsync(gateway, upstreamProtocol);
        healthy.On(EngineHarness.ChatPath, WeatherTurns.Final(ApiProtocol.Chat, stream));
        healthy.On(EngineHarness.ResponsesPath, WeatherTurns.Final(ApiProtocol.Responses, stream));
        upstream.On(WeatherTurns.PathFor(upstreamProtocol), AnswerMoments.UpTo(WeatherTurns.Calls(upstreamProtocol, stream), upstreamProtocol, moment) with { AbortAfterSending = true });
        var requestId = $"break-{client}-{upstreamProtocol}-{stream}-{moment}";

        using var response = await gateway.PostAsync(WeatherTurns.PathFor(client), WeatherTurns.Question(client, stream), requestId);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK && ClientAnswers.IsWhole(client, stream, body), body);
        var usage = await gateway.UsageAsync(requestId);
        if (moment == AnswerMoment.AfterCommit)
        {
            Assert.True(ClientAnswers.EndsInError(client, body), $"attempts: {string.Join(", ", usage.Trace.Select(t => $"{t.AccountId} {t.Status} {t.Decision}"))}\n{body}");
            Assert.Contains(WeatherTurns.Thinking, body);
            Assert.DoesNotContain(WeatherTurns.Answer, body);
            Assert.Empty(healthy.Received);
            Assert.Equal((200, broken.Id, 1), (usage.Status, usage.AccountId, usage.Attempts));
            Assert.NotNull(usage.Error);
            await gateway.AssertUnpenalisedAsync(broken.Id);
        }
        else
        {
            Assert.Contains(WeatherTurns.Answer, body);
            Assert.DoesNotContain(BrokenAttemptMarks, mark => body.Contains(mark, StringComparison.Ordinal));
            Assert.True(!stream || StartEvents(client, body) == 1, body);
            Assert.Single(healthy.Received);
            Assert.Equal((200, 2), (usage.Status, usage.Attempts));
            Assert.Equal((broken.Id, "account_switch"), (usage.Trace[0].AccountId, usage.Trace[0].Decision));
            Assert.Equal(TimeSpan.FromSeconds(30), await gateway.CooldownLeftAsync(broken.Id));
        }

        Assert.Empty(gateway.App.Logs.Problems);
    }

    // What opens an answer in the client's protocol: a second one would be the broken attempt's, replayed.
    private static int StartEvents(ApiProtocol client, string body) => body.Split(client switch
    {
        ApiProtocol.Chat => "\"role\":\"assistant\"",
        ApiProtocol.Responses => "event: response.created",
        _ => "event: message_start",
    }).Length - 1;
}
