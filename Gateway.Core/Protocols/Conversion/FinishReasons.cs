namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Chat <c>finish_reason</c> ↔ Responses <c>status</c> + <c>incomplete_details.reason</c>:
/// stop/tool_calls ↔ completed, length ↔ incomplete(max_output_tokens), content_filter ↔ incomplete(content_filter).
/// </summary>
internal static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string ContentFilter = "content_filter";

    /// <summary>The Chat finish reason for a Responses status and incomplete reason.</summary>
    public static string ToChat(string? status, string? incompleteReason, bool hasToolCalls)
    {
        if (status == "incomplete")
        {
            return incompleteReason == "content_filter" ? ContentFilter : Length;
        }

        return hasToolCalls ? ToolCalls : Stop;
    }

    /// <summary>The Responses status and incomplete details for a Chat finish reason.</summary>
    public static (string Status, JsonObject? IncompleteDetails) ToResponses(string? finishReason) => finishReason switch
    {
        Length => ("incomplete", new JsonObject { ["reason"] = "max_output_tokens" }),
        ContentFilter => ("incomplete", new JsonObject { ["reason"] = "content_filter" }),
        _ => ("completed", null),
    };
}
