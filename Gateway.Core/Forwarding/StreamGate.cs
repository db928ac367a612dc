namespace Gateway.Core.Forwarding;

/// <summary>
/// The first-chunk gate over an SSE answer (SPEC 3). Handshake events are held until the first event with content or a
/// terminal success, or until the held bytes pass their bound; a failure before that (a reported error, an event that is
/// no JSON, the stream ending, breaking or going silent) is returned as a value and not one byte of it reaches the
/// client. On commit the held events are replayed in order, converted when the protocols differ, and the rest is relayed
/// event by event. After commit nothing is retried: a break ends the stream with an error event in the client's
/// protocol. Events that arrived together are flushed together, as a byte relay would; no event ever waits for a later
/// one.
/// </summary>
internal static class StreamGate
{
    /// <param name="requestBytes">The size of the request the upstream was sent, which a Responses handshake repeats.</param>
    public static async Task<AttemptOutcome> RunAsync(AttemptContext attempt, HttpResponseMessage response, long requestBytes)
    {
        var status = (int)response.StatusCode;
        await using var body = await response.Content.ReadAsStreamAsync(attempt.Idle.Token);
        using var reader = new SseReader(body, attempt.Options.UpstreamSseMaxLineBytes, attempt.Options.UpstreamSseMaxEventBytes);
        var held = HeldEvents.For(attempt.Upstream, attempt.Options.FirstChunkGateMaxHeldBytes, requestBytes);
        var answers = attempt.Answers;
        while (true)
        {
            var (next, error) = await ReadAsync(reader, attempt);
            if (next is not { } sse)
            {
                return AttemptOutcome.Broken(error == AttemptError.None ? AttemptError.UpstreamEndedEarly : error, status, committed: false);
            }

            var verdict = answers.Classify(sse);
            if (verdict is { Kind: StreamEventKind.Failure, Error: { } reported })
            {
                return ReportedFailures.Outcome(reported, status, attempt);
            }

            if (verdict.Kind == StreamEventKind.Unreadable)
            {
                return AttemptOutcome.Broken(AttemptError.UpstreamAnswerUnusable, status, committed: false);
            }

            if (verdict.Kind != StreamEventKind.Handshake || !held.TryHold(sse))
            {
                attempt.Committed();
                return await RelayAsync(attempt, reader, verdict.Kind == StreamEventKind.Handshake ? held.Events : [.. held.Events, sse], status);
            }
        }
    }

    private static async Task<AttemptOutcome> RelayAsync(AttemptContext attempt, SseReader reader, IReadOnlyList<SseEvent> replay, int status)
    {
        var client = new ClientEventStream(attempt);
        var tap = new StreamTap(attempt.Upstream, attempt.DropUsageChunks);

        // From here every event is looked at and written into the client's pipe before the next read: none is kept, so
        // none needs a copy of its bytes.
        reader.LendsEvents = true;
        var error = AttemptError.None;
        for (var i = 0; i < replay.Count && error == AttemptError.None; i++)
        {
            error = Forward(attempt, tap, client, replay[i]);
        }

        while (error == AttemptError.None)
        {
            // The events that already arrived go out with this one flush; none of them waits for the network.
            error = ForwardArrived(attempt, reader, tap, client);
            if (error == AttemptError.None)
            {
                error = await FlushAsync(client, attempt.Idle);
            }

            if (error != AttemptError.None || tap.Finished)
            {
                break;
            }

            (var next, error) = await ReadAsync(reader, attempt);
            if (next is not { } sse)
            {
                break;
            }

            error = Forward(attempt, tap, client, sse);
        }

        var delivered = new AttemptOutcome { Failure = FailureClass.None, Status = status, Committed = true, Usage = tap.Usage, ResponseId = tap.ResponseId, Error = error };
        if (error.Side() == FaultSide.Client)
        {
            return delivered;
        }

        var shortfall = Close(attempt, client, tap, error);
        if (await FlushAsync(client, attempt.Idle) is var closing && closing != AttemptError.None)
        {
            return delivered with { Error = closing };
        }

        return shortfall is { } cut ? delivered with { Failure = cut.Failure, MidStreamError = cut.Message } : delivered;
    }

    /// <summary>Queues what ends the client's stream; returns how the answer fell short, or null when it did not.</summary>
    private static Shortfall? Close(AttemptContext attempt, ClientEventStream client, StreamTap tap, AttemptError error)
    {
        var inbound = attempt.Request.Inbound;
        if (error != AttemptError.None)
        {
            client.AddOwn(StreamErrorEvents.For(inbound, error.Describe(), client.Count));
            return new Shortfall(error.ToFailureClass(), error.Describe());
        }

        if (tap.Reported is { } reported)
        {
            // Already relayed (converted when needed): it is the stream's last word.
            client.TryComplete();
            return new Shortfall(FailureClassifier.ClassifyReported(reported.Code, reported.Type, reported.Message, attempt.Request.Wrote), ReportedFailures.Shorten(attempt.Scrub(reported.Message)));
        }

        if (client.TryComplete())
        {
            // A converter closes the stream itself, with its own error when the upstream stopped short.
            return tap.Ended ? null : new Shortfall(FailureClass.BrokenAnswer, AttemptError.UpstreamEndedEarly.Describe());
        }

        if (!tap.Ended)
        {
            client.AddOwn(StreamErrorEvents.For(inbound, AttemptError.UpstreamEndedEarly.Describe(), client.Count));
            return new Shortfall(FailureClass.BrokenAnswer, AttemptError.UpstreamEndedEarly.Describe());
        }

        if (inbound is ApiProtocol.Chat or ApiProtocol.Messages && !tap.SawDone)
        {
            // The upstream finished without [DONE] / message_stop; clients wait for it.
            client.AddOwn(inbound == ApiProtocol.Chat ? SseEvent.Done : MessagesEvents.Stop);
        }

        return null;
    }

    private static AttemptError Forward(AttemptContext attempt, StreamTap tap, ClientEventStream client, SseEvent sse)
    {
        try
        {
            if (tap.Observe(sse) is { } forward)
            {
                // A failure the upstream reports is the stream's last word and may quote what it was sent: scrubbed like
                // every error it writes.
                client.Add(tap.Reported is null ? forward : attempt.Scrub(forward));
            }

            return AttemptError.None;
        }
        catch (Exception ex) when (AttemptErrors.IsConversionFailure(ex))
        {
            return AttemptError.ConversionFailed;
        }
    }

    private static AttemptError ForwardArrived(AttemptContext attempt, SseReader reader, StreamTap tap, ClientEventStream client)
    {
        try
        {
            var error = AttemptError.None;
            while (error == AttemptError.None && !tap.Finished && reader.TryRead(out var sse))
            {
                error = Forward(attempt, tap, client, sse);
            }

            return error;
        }
        catch (ReadLimitExceededException limit)
        {
            return attempt.ReadLimitHit(limit);
        }
    }

    private static async ValueTask<(SseEvent? Event, AttemptError Error)> ReadAsync(SseReader reader, AttemptContext attempt)
    {
        try
        {
            // SPEC 3: the idle timeout restarts on every upstream read, a keep-alive comment's too.
            return (await reader.ReadAsync(attempt.Idle.Token, attempt.Idle.Restarter), AttemptError.None);
        }
        catch (ReadLimitExceededException limit)
        {
            return (null, attempt.ReadLimitHit(limit));
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            return (null, attempt.Idle.UpstreamFailure(ex, beforeHeaders: false));
        }
    }

    private static async ValueTask<AttemptError> FlushAsync(ClientEventStream client, ActivityTimeout idle)
    {
        try
        {
            await client.FlushAsync();
            return AttemptError.None;
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            return idle.ClientFailure(ex);
        }
    }

    private readonly record struct Shortfall(FailureClass Failure, string Message);
}
