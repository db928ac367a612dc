namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// What a Messages history needs before an anthropic account takes it, after an earlier turn of the conversation was
/// answered by an OpenAI-compatible account of the same group. Anthropic refuses a thinking block it did not sign (400
/// "Invalid signature in thinking block"), and such a turn's reasoning comes back as thinking with an empty signature
/// (<see cref="MessageEnvelope.Thinking"/>) or, from a Responses account, signed with the gateway's mark
/// (<see cref="ReasoningDetails.IsMarked(string?)"/>): those blocks are left out, and a turn left empty with them. While thinking
/// is on, Anthropic also wants the last assistant turn of a tool loop to start with its own thinking (400 "a final
/// assistant message must start with a thinking block"), which a turn from another provider never does: that one
/// request goes without thinking (and without the <c>clear_thinking</c> context edit, which needs it). A history that
/// came from Anthropic alone needs neither and goes unchanged (SPEC 5.5). Read once from the client's body
/// (<see cref="For"/>), applied to the body of each attempt on an anthropic account (<see cref="Apply"/>); passthrough
/// accounts get the client's bytes as they are (SPEC 4.2).
/// </summary>
internal sealed class AnthropicHistoryRepair
{
    private readonly List<(int Message, int Block)> _foreignThinking;

    private AnthropicHistoryRepair(List<(int Message, int Block)> foreignThinking, bool disablesThinking)
    {
        _foreignThinking = foreignThinking;
        DisablesThinking = disablesThinking;
    }

    /// <summary>The request goes without <c>thinking</c>: its tool loop's last assistant turn does not start with Anthropic's thinking.</summary>
    public bool DisablesThinking { get; }

    /// <summary>The repair a Messages request needs for an anthropic account, or null when it needs none.</summary>
    public static AnthropicHistoryRepair? For(JsonElement request)
    {
        if (!request.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        List<(int Message, int Block)>? foreign = null;
        JsonElement? lastAssistant = null;
        var messageIndex = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            {
                if (message.StrEquals("role", "assistant"u8))
                {
                    lastAssistant = content;
                }

                var blockIndex = 0;
                foreach (var block in content.EnumerateArray())
                {
                    if (IsForeignThinking(block))
                    {
                        (foreign ??= []).Add((messageIndex, blockIndex));
                    }

                    blockIndex++;
                }
            }

            messageIndex++;
        }

        var disablesThinking = ThinkingOn(request) && lastAssistant is { } last && HasToolUse(last) && !StartsWithAnthropicThinking(last);
        return foreign is null && !disablesThinking ? null : new AnthropicHistoryRepair(foreign ?? [], disablesThinking);
    }

    /// <summary>Repairs a copy of the request <see cref="For"/> read.</summary>
    public void Apply(JsonObject request)
    {
        if (request["messages"] is not JsonArray messages)
        {
            return;
        }

        for (var i = _foreignThinking.Count - 1; i >= 0; i--)
        {
            var (message, block) = _foreignThinking[i];
            var content = (JsonArray)messages[message]!["content"]!;
            content.RemoveAt(block);
            if (content.Count == 0)
            {
                messages.RemoveAt(message);
            }
        }

        if (DisablesThinking)
        {
            request.Remove("thinking");
            DropThinkingEdits(request);
        }
    }

    // Claude Code asks Anthropic to clear old thinking (context_management); without thinking Anthropic refuses that edit.
    private static void DropThinkingEdits(JsonObject request)
    {
        if (request["context_management"].Obj()?["edits"] is not JsonArray edits)
        {
            return;
        }

        foreach (var edit in edits.Objects().Where(e => e["type"].Str()?.StartsWith("clear_thinking", StringComparison.Ordinal) == true).ToList())
        {
            edits.Remove(edit);
        }

        if (edits.Count == 0)
        {
            request.Remove("context_management");
        }
    }

    /// <summary>Thinking Anthropic did not sign: without a signature, or signed with the gateway's mark.</summary>
    private static bool IsForeignThinking(JsonElement block) =>
        block.StrEquals("type", "thinking"u8)
        && (block.Member("signature") is not { ValueKind: JsonValueKind.String } signature || signature.ValueEquals(""u8) || ReasoningDetails.IsMarked(signature));

    private static bool ThinkingOn(JsonElement request) =>
        request.Obj("thinking") is { } thinking && (thinking.StrEquals("type", "enabled"u8) || thinking.StrEquals("type", "adaptive"u8));

    private static bool HasToolUse(JsonElement content) =>
        content.EnumerateArray().Any(b => b.StrEquals("type", "tool_use"u8));

    /// <summary>The turn's first block, thinking Anthropic did not sign left out, is Anthropic's thinking.</summary>
    private static bool StartsWithAnthropicThinking(JsonElement content)
    {
        var first = content.EnumerateArray().FirstOrDefault(b => !IsForeignThinking(b));
        return first.StrEquals("type", "thinking"u8) || first.StrEquals("type", "redacted_thinking"u8);
    }
}
