using Gateway.Tests.Security;

namespace Gateway.Tests.Forwarding;

/// <summary>Where an upstream's answer stands when something breaks off the request (<see cref="ClientLeavingTests"/>, <see cref="UpstreamBreakingTests"/>).</summary>
public enum AnswerMoment
{
    /// <summary>The upstream has the request and has not answered.</summary>
    BeforeTheAnswer,

    /// <summary>Part of the answer has arrived: half of a whole body, or a stream's handshake the gate holds.</summary>
    InsideTheAnswer,

    /// <summary>A stream has begun reaching the client and is not finished.</summary>
    AfterCommit,
}

/// <summary>The <see cref="AnswerMoment"/> rows and the parts of <see cref="WeatherTurns"/> that reach each.</summary>
internal static class AnswerMoments
{
    /// <summary>Every client protocol against an account of every protocol, whole answers at the two moments they have and streams at all three.</summary>
    public static TheoryData<ApiProtocol, ApiProtocol, bool, AnswerMoment> Points()
    {
        var data = new TheoryData<ApiProtocol, ApiProtocol, bool, AnswerMoment>();
        foreach (var client in ClientAnswers.Protocols)
        {
            foreach (var upstream in ClientAnswers.Protocols)
            {
                data.Add(client, upstream, false, AnswerMoment.BeforeTheAnswer);
                data.Add(client, upstream, false, AnswerMoment.InsideTheAnswer);
                data.Add(client, upstream, true, AnswerMoment.BeforeTheAnswer);
                data.Add(client, upstream, true, AnswerMoment.InsideTheAnswer);
                data.Add(client, upstream, true, AnswerMoment.AfterCommit);
            }
        }

        return data;
    }

    /// <summary>
    /// The account under test, speaking only <paramref name="upstream"/>, and behind it (next in priority) another that
    /// serves Chat and Responses: where a failover would go.
    /// </summary>
    public static async Task<(Account Account, ScriptedUpstream Upstream, ScriptedUpstream Next)> AccountAndNextAsync(EngineHarness gateway, ApiProtocol upstream)
    {
        var (account, scripted) = await gateway.AddAccountSpeakingAsync(upstream);
        var (_, next) = await gateway.AddAccountAsync("next", i => i with { Priority = Account.DefaultPriority + 1 });
        return (account, scripted, next);
    }

    /// <summary>
    /// <paramref name="whole"/> (a <see cref="WeatherTurns"/> answer) up to <paramref name="moment"/>: nothing of it, half
    /// of its body or its stream's handshake, or half of its stream (the thinking, no call yet).
    /// </summary>
    public static UpstreamReply UpTo(UpstreamReply whole, ApiProtocol upstream, AnswerMoment moment) => moment switch
    {
        AnswerMoment.BeforeTheAnswer => new UpstreamReply(),
        AnswerMoment.InsideTheAnswer when whole.Events is null => whole with { Body = whole.Body![..(whole.Body!.Length / 2)] },
        AnswerMoment.InsideTheAnswer => whole with { Events = [.. whole.Events.Take(HandshakeEvents(upstream))] },
        _ => whole with { Events = [.. whole.Events!.Take(whole.Events!.Count / 2)] },
    };

    // The events before the first content in each protocol's stream of WeatherTurns (SPEC 3's handshake): a role chunk;
    // response.created and an empty reasoning item; message_start and a ping.
    private static int HandshakeEvents(ApiProtocol upstream) => upstream == ApiProtocol.Chat ? 1 : 2;
}
