namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Turns a complete <c>chat.completion</c> into an Anthropic <c>message</c>: reasoning content → a thinking block (or, when
/// asked, the reasoning details → one block each, <see cref="ReasoningDetails.ToThinking"/>), the text
/// (and a refusal, which Anthropic has no block for) → a text block, each tool call → a <c>tool_use</c> block in call order; the finish reason → the stop reason
/// (<c>stop_sequence</c> with the sequence when the gateway cut the text itself), usage with cache reads.
/// </summary>
internal static class ChatAnswerToMessages
{
    /// <param name="reasoningDetails">
    /// Read the message's <see cref="ReasoningDetails"/>, which the gateway wrote one conversion step before (a Responses
    /// upstream's encrypted reasoning); a Chat upstream's own are not the gateway's to sign.
    /// </param>
    public static JsonObject Convert(JsonObject chat, string clientModel, StopSequences? stop, bool reasoningDetails)
    {
        var choice = chat["choices"].Objects().FirstOrDefault();
        var message = choice?["message"].Obj();
        var content = new JsonArray([.. Thinking(message, reasoningDetails)]);

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

    /// <summary>One block a reasoning detail when asked for and there are any, else the reasoning text as unsigned thinking.</summary>
    private static List<JsonObject> Thinking(JsonObject? message, bool reasoningDetails)
    {
        List<JsonObject> blocks = reasoningDetails ? [.. message?[ReasoningDetails.Member].Objects().Select(d => ReasoningDetails.ToThinking(d)).OfType<JsonObject>() ?? []] : [];
        if (blocks.Count == 0 && (message?["reasoning_content"] ?? message?["reasoning"]).Str() is { Length: > 0 } reasoning)
        {
            blocks.Add(MessageEnvelope.Thinking(reasoning));
        }

        return blocks;
    }
}
