namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// The readable text of a Responses reasoning item, which Chat upstreams (DeepSeek, Kimi, Qwen) carry as
/// <c>reasoning_content</c>: its raw reasoning text when it has some, else its summaries. Encrypted reasoning is only
/// readable by the Responses upstream that wrote it, so it is never part of this text.
/// </summary>
internal static class ReasoningText
{
    public static string Of(JsonObject reasoningItem)
    {
        var content = string.Concat(reasoningItem["content"].Objects().Where(p => p["type"].Str() == "reasoning_text").Select(p => p["text"].Str()));
        return content.Length > 0
            ? content
            : string.Join("\n\n", reasoningItem["summary"].Objects().Select(s => s["text"].Str()).Where(t => !string.IsNullOrEmpty(t)));
    }
}
