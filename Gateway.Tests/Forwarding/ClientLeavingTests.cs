namespace Gateway.Tests.Forwarding;

/// <summary>
/// SPEC 3: a client disconnect cancels the upstream request at once and never penalises the account; and the gateway
/// neither fails over nor logs a fault for it. Taken at every point a client can leave (before the upstream answers,
/// while its answer is arriving or held by the first-chunk gate, and after the gate has committed), from a client of
/// each protocol to an account of each, streamed and not.
/// </summary>
public sealed class ClientLeavingTests
{
    /// <summary>Long enough that only the client's leaving ends the upstream's answer.</summary>
    private static readonly TimeSpan Held = TimeSpan.FromMinutes(2);

    [Theory]
    [MemberData(nameof(AnswerMoments.Points), MemberType = typeof(AnswerMoments))]
    public async Task ClientLeaving_CancelsTheUpstreamAtOnce_BlamesNoAccount_FailsNotOver_AndLogsNoFault(ApiProtocol client, ApiProtocol upstreamProtocol, bool stream, AnswerMoment moment)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream, next) = await AnswerMoments.AccountAndNextAsync(gateway, upstreamProtocol);
        upstream.On(WeatherTurns.PathFor(upstreamProtocol), HeldAt(WeatherTurns.Calls(upstreamProtocol, stream), upstreamProtocol, moment));
        var requestId = $"leave-{client}-{upstreamProtocol}-{stream}-{moment}";

        using var leave = new CancellationTokenSource();
        var pending = gateway.PostAsync(WeatherTurns.PathFor(client), WeatherTurns.Question(client, stream), requestId, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        var received = await LeaveAsync(pending, upstream, moment, leave);

        Assert.True(await received.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), "the upstream request was not cancelled");
        var usage = await gateway.UsageAsync(requestId);
        Assert.Equal((499, "client closed the request", account.Id, 1), (usage.Status, usage.Error, usage.AccountId, usage.Attempts));
        await gateway.AssertUnpenalisedAsync(account.Id);
        Assert.Equal(0, gateway.Service<AccountPool>().Find(account.Id)!.InFlight);
        Assert.Single(upstream.Received);
        Assert.Empty(next.Received);
        Assert.Empty(gateway.App.Logs.Problems);
    }

    /// <summary>The same for a token count an account's own endpoint answers; a count writes no usage row.</summary>
    [Theory]
    [InlineData(ApiProtocol.Responses, AnswerMoment.BeforeTheAnswer)]
    [InlineData(ApiProtocol.Responses, AnswerMoment.InsideTheAnswer)]
    [InlineData(ApiProtocol.Messages, AnswerMoment.BeforeTheAnswer)]
    [InlineData(ApiProtocol.Messages, AnswerMoment.InsideTheAnswer)]
    public async Task ClientLeavingATokenCount_CancelsTheUpstreamAtOnce_BlamesNoAccount_AndLogsNoFault(ApiProtocol protocol, AnswerMoment moment)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (account, upstream) = await gateway.AddAccountSpeakingAsync(protocol);
        var path = protocol == ApiProtocol.Messages ? AnthropicReplies.CountTokensPath : "/v1/responses/input_tokens";
        upstream.On(path, HeldAt(UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":12}"""), protocol, moment));

        using var leave = new CancellationTokenSource();
        var pending = gateway.PostAsync(path, WeatherTurns.Question(protocol, stream: false), ct: leave.Token);
        var received = await LeaveAsync(pending, upstream, moment, leave);

        Assert.True(await received.Aborted.WaitAsync(TimeSpan.FromSeconds(10)), "the upstream request was not cancelled");
        await gateway.AssertUnpenalisedAsync(account.Id);
        await Eventually.TrueAsync(() => Task.FromResult(gateway.Service<AccountPool>().Find(account.Id)!.InFlight == 0), "the count's slot released");
        Assert.Single(upstream.Received);
        Assert.Empty(gateway.App.Logs.Problems);
    }

    /// <summary><paramref name="whole"/> up to <paramref name="moment"/> (<see cref="AnswerMoments.UpTo"/>), then held open: only the client's leaving ends it.</summary>
    private static UpstreamReply HeldAt(UpstreamReply whole, ApiProtocol upstream, AnswerMoment moment) =>
        AnswerMoments.UpTo(whole, upstream, moment) with
        {
            Delay = moment == AnswerMoment.BeforeTheAnswer ? Held : TimeSpan.Zero,
            HoldOpenAfterSending = Held,
        };

    /// <summary>Once the upstream has the request and has sent what <paramref name="moment"/> says, the client leaves: the upstream's request.</summary>
    private static async Task<ReceivedRequest> LeaveAsync(Task<HttpResponseMessage> pending, ScriptedUpstream upstream, AnswerMoment moment, CancellationTokenSource leave)
    {
        var received = await Eventually.ReturnsAsync(() => Task.FromResult(upstream.Received.FirstOrDefault()), "the upstream request");
        if (moment == AnswerMoment.AfterCommit)
        {
            // A read cancelled mid-stream drops the connection (disposing the response would first drain it for 2 s).
            using var response = await pending;
            var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[256];
            Assert.True(await body.ReadAsync(buffer) > 0);
            var reading = DrainAsync(body, buffer, leave.Token);
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
            return received;
        }

        if (moment == AnswerMoment.InsideTheAnswer)
        {
            await received.Sent;
        }

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        return received;
    }

    // The rest of what has arrived, then the wait for more.
    private static async Task DrainAsync(Stream body, byte[] buffer, CancellationToken ct)
    {
        while (await body.ReadAsync(buffer, ct) > 0)
        {
        }
    }
}
