namespace Gateway.Core.Protocols.Messages;

/// <summary>
/// Anthropic <c>stop_reason</c> ↔ Chat <c>finish_reason</c>: end_turn / stop_sequence / pause_turn ↔ stop, max_tokens /
/// model_context_window_exceeded ↔ length, tool_use ↔ tool_calls, refusal ↔ content_filter.
/// </summary>
internal static class StopReasons
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string StopSequence = "stop_sequence";
    public const string ToolUse = "tool_use";
    public const string Refusal = "refusal";

    public static string ToChat(string? stopReason) => stopReason switch
    {
        MaxTokens or "model_context_window_exceeded" => FinishReasons.Length,
        ToolUse => FinishReasons.ToolCalls,
        Refusal => FinishReasons.ContentFilter,
        _ => FinishReasons.Stop,
    };

    /// <summary>Some providers end a tool-calling answer with <c>stop</c>: calls present still mean <c>tool_use</c>.</summary>
    public static string ToMessages(string? finishReason, bool hasToolCalls) => finishReason switch
    {
        FinishReasons.Length => MaxTokens,
        FinishReasons.ContentFilter => Refusal,
        _ => hasToolCalls || finishReason is FinishReasons.ToolCalls or "function_call" ? ToolUse : EndTurn,
    };
}
