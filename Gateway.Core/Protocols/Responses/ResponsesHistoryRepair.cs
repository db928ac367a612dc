namespace Gateway.Core.Protocols.Responses;

/// <summary>
/// What a Responses input needs before an account of the Responses API takes it, after an earlier turn of the
/// conversation was answered by an anthropic account of the same group. That turn's thinking came back to the client as
/// reasoning items whose <c>encrypted_content</c> is the gateway's mark of Anthropic's thinking
/// (<see cref="ReasoningDetails"/>), which OpenAI cannot decrypt: those items are left out. An input without them goes
/// unchanged. Read once from the client's body (<see cref="For"/>), applied to the body of each attempt on a Responses
/// account (<see cref="Apply"/>); passthrough accounts get the client's bytes as they are (SPEC 4.2).
/// </summary>
internal sealed class ResponsesHistoryRepair
{
    private readonly List<int> _markedReasoning;

    private ResponsesHistoryRepair(List<int> markedReasoning) => _markedReasoning = markedReasoning;

    /// <summary>The repair a Responses request needs for a Responses account, or null when it needs none.</summary>
    public static ResponsesHistoryRepair? For(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        List<int>? marked = null;
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            if (IsMarkedReasoning(item))
            {
                (marked ??= []).Add(index);
            }

            index++;
        }

        return marked is null ? null : new ResponsesHistoryRepair(marked);
    }

    /// <summary>Repairs a copy of the request <see cref="For"/> read.</summary>
    public void Apply(JsonObject request)
    {
        if (request["input"] is not JsonArray input)
        {
            return;
        }

        for (var i = _markedReasoning.Count - 1; i >= 0; i--)
        {
            input.RemoveAt(_markedReasoning[i]);
        }
    }

    private static bool IsMarkedReasoning(JsonElement item) =>
        item.StrEquals("type", "reasoning"u8) && item.Member("encrypted_content") is { } encrypted && ReasoningDetails.IsMarked(encrypted);
}
