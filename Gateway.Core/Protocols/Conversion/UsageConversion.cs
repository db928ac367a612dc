namespace Gateway.Core.Protocols.Conversion;

/// <summary>Maps token usage between Chat Completions and Responses, keeping cached and reasoning tokens.</summary>
internal static class UsageConversion
{
    private static readonly UsageNames Chat = new("prompt_tokens", "prompt_tokens_details", "completion_tokens", "completion_tokens_details");
    private static readonly UsageNames Responses = new("input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details");

    public static JsonObject? ToResponses(JsonObject? chatUsage) => Convert(chatUsage, Chat, Responses);

    public static JsonObject? ToChat(JsonObject? responsesUsage) => Convert(responsesUsage, Responses, Chat);

    private static JsonObject? Convert(JsonObject? usage, UsageNames from, UsageNames to)
    {
        if (usage is null)
        {
            return null;
        }

        var input = usage[from.Input].Long() ?? 0;
        var output = usage[from.Output].Long() ?? 0;
        return new JsonObject
        {
            [to.Input] = input,
            [to.InputDetails] = new JsonObject { ["cached_tokens"] = usage[from.InputDetails].Obj()?["cached_tokens"].Long() ?? 0 },
            [to.Output] = output,
            [to.OutputDetails] = new JsonObject { ["reasoning_tokens"] = usage[from.OutputDetails].Obj()?["reasoning_tokens"].Long() ?? 0 },
            ["total_tokens"] = usage["total_tokens"].Long() ?? input + output,
        };
    }

    // What each protocol calls the input and output counts and their details; the counts inside the details
    // (cached_tokens, reasoning_tokens) and total_tokens are named alike in both.
    private sealed record UsageNames(string Input, string InputDetails, string Output, string OutputDetails);
}
