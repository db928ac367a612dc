namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// The reading half of a converter from a Chat Completions chunk stream (into Responses events, into Messages events): each
/// chunk as it arrives is handed on in order — the stream's start, then reasoning (text and details), text, refusal and tool-call deltas — its
/// usage and finish reason are kept, and the stream ends on <c>[DONE]</c> or at its end, as a truncation when no finish
/// reason came first; an error chunk fails it. Nothing is handed on after the end. Subclasses write their protocol's events.
/// </summary>
internal abstract class ChatChunkStreamConverter : IStreamConverter
{
    private bool _finished;

    /// <summary>The last finish reason a chunk named.</summary>
    protected string? FinishReason { get; private set; }

    /// <summary>The usage the upstream reported (Chat sends it after the finish reason, in its own chunk).</summary>
    protected JsonObject? Usage { get; private set; }

    public void Convert(SseEvent upstream, List<SseEvent> output)
    {
        if (_finished)
        {
            return;
        }

        if (upstream.IsDone)
        {
            End(output);
            return;
        }

        if (JsonNodes.ParseObject(upstream.Utf8) is not { } chunk)
        {
            return;
        }

        if (chunk["error"] is JsonObject or JsonValue)
        {
            Stop(UpstreamError.FromNode(chunk["error"]), output);
            return;
        }

        EnsureStarted(chunk, output);
        if (chunk["usage"] is JsonObject usage)
        {
            Usage = usage;
        }

        if (chunk["choices"].Objects().FirstOrDefault() is not { } choice)
        {
            return;
        }

        var delta = choice["delta"].Obj();
        if (ChatAnswerToResponses.ReasoningOf(delta) is { Length: > 0 } reasoning)
        {
            AppendReasoning(reasoning, output);
        }

        foreach (var detail in delta?[ReasoningDetails.Member].Objects() ?? [])
        {
            AppendReasoningDetail(detail, output);
        }

        if (delta?["content"].Str() is { Length: > 0 } text)
        {
            AppendText(text, output);
        }

        if (delta?["refusal"].Str() is { Length: > 0 } refusal)
        {
            AppendRefusal(refusal, output);
        }

        foreach (var call in delta?["tool_calls"].Objects() ?? [])
        {
            AppendToolCall(call, output);
        }

        FinishReason = choice["finish_reason"].Str() ?? FinishReason;
    }

    public void Complete(List<SseEvent> output)
    {
        if (_finished)
        {
            return;
        }

        if (FinishReason is null)
        {
            Stop(UpstreamError.Truncated, output);
        }
        else
        {
            End(output);
        }
    }

    /// <summary>Opens the client's stream once, from the first chunk (null when the stream ends or fails before one).</summary>
    protected abstract void EnsureStarted(JsonObject? chunk, List<SseEvent> output);

    protected abstract void AppendReasoning(string text, List<SseEvent> output);

    /// <summary>A reasoning detail (<see cref="ReasoningDetails"/>): it closes the reasoning text appended before it.</summary>
    protected abstract void AppendReasoningDetail(JsonObject detail, List<SseEvent> output);

    protected abstract void AppendText(string text, List<SseEvent> output);

    protected abstract void AppendRefusal(string text, List<SseEvent> output);

    protected abstract void AppendToolCall(JsonObject call, List<SseEvent> output);

    /// <summary>Writes the closing events of an answer that ended well.</summary>
    protected abstract void Finish(List<SseEvent> output);

    /// <summary>Writes the events of an answer that failed or broke off.</summary>
    protected abstract void Fail(UpstreamError error, List<SseEvent> output);

    private void End(List<SseEvent> output)
    {
        Finish(output);
        _finished = true;
    }

    private void Stop(UpstreamError error, List<SseEvent> output)
    {
        Fail(error, output);
        _finished = true;
    }
}
