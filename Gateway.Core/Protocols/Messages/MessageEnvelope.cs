namespace Gateway.Core.Protocols.Messages;

/// <summary>The Anthropic <c>message</c> object around converted content, and the content blocks it holds.</summary>
internal static class MessageEnvelope
{
    public static JsonObject Build(string id, string model, JsonArray content, string? stopReason, string? stopSequence, JsonObject usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = stopSequence,
        ["usage"] = usage,
    };

    public static string IdFor(string? chatId) => ConversionIds.Rebase(chatId, "chatcmpl-", "msg_");

    public static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    /// <summary>Reasoning from an OpenAI upstream: it carries no Anthropic signature, so the signature is empty.</summary>
    public static JsonObject Thinking(string thinking) => new() { ["type"] = "thinking", ["thinking"] = thinking, ["signature"] = "" };

    public static JsonObject ToolUse(string? id, string? name, JsonObject input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = MessagesContent.ToolUseId(id),
        ["name"] = name,
        ["input"] = input,
    };

    /// <summary>A tool call's arguments as the <c>input</c> object Anthropic requires; arguments that are no JSON object read as none.</summary>
    public static JsonObject Input(string? arguments) =>
        string.IsNullOrWhiteSpace(arguments) ? [] : JsonNodes.ParseObject(arguments) ?? [];
}
