namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Turns a complete <c>chat.completion</c> into an Anthropic <c>message</c>: reasoning content → a thinking block, the text
/// (and a refusal, which Anthropic has no block for) → a text block, each tool call → a <c>tool_use</c> block in call order; the finish reason → the stop reason
/// (<c>stop_sequence</c> with the sequence when the gateway cut the text itself), usage with cache reads.
/// </summary>
internal static class ChatAnswerToMessages
{
    public static JsonObject Convert(JsonObject chat, string clientModel, StopSequences? stop)
    {
        var choice = chat["choices"].Objects().FirstOrDefault();
        var message = choice?["message"].Obj();
        var content = new JsonArray();
        if ((message?["reasoning_content"] ?? message?["reasoning"]).Str() is { Length: > 0 } reasoning)
        {
            content.Add(MessageEnvelope.Thinking(reasoning));
        }

        var text = JsonNodes.JoinedText(message?["content"]);
        if (text is not null && stop is not null)
        {
            text = stop.Cut(text);
        }

        if (!string.IsNullOrEmpty(text))
        {
            content.Add(MessageEnvelope.Text(text));
        }

        if (message?["refusal"].Str() is { Length: > 0 } refusal)
        {
            content.Add(MessageEnvelope.Text(refusal));
        }

        var calls = message?["tool_calls"].Objects().ToList() ?? [];
        foreach (var call in calls)
        {
            var function = call["function"].Obj();
            content.Add(MessageEnvelope.ToolUse(call["id"].Str(), function?["name"].Str(), MessageEnvelope.Input(function?["arguments"].Str())));
        }

        var stopReason = stop?.Matched is not null ? StopReasons.StopSequence : StopReasons.ToMessages(choice?["finish_reason"].Str(), calls.Count > 0);
        return MessageEnvelope.Build(MessageEnvelope.IdFor(chat["id"].Str()), clientModel, content, stopReason, stop?.Matched, MessagesUsage.FromChat(chat["usage"].Obj()));
    }
}
