using System.Buffers.Text;
using System.Runtime.InteropServices;

namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Reasoning that only the provider that wrote it can read back — an Anthropic thinking block's signature, a redacted
/// thinking block, an OpenAI reasoning item's encrypted content — carried across protocols, so that a reasoning model keeps
/// its reasoning between a client's turns (a tool loop above all) when the client speaks another protocol than the
/// upstream. Between the steps of a conversion it rides on the Chat assistant message (or stream delta) as
/// <c>reasoning_details</c>, in OpenRouter's form, one detail a block or item, beside the readable <c>reasoning_content</c>:
/// <list type="bullet">
/// <item>Anthropic thinking: <c>{"type":"reasoning.text","text","signature","format":"anthropic-claude-v1"}</c>;</item>
/// <item>Anthropic redacted thinking: <c>{"type":"reasoning.encrypted","data","format":"anthropic-claude-v1"}</c>;</item>
/// <item>an OpenAI reasoning item: <c>{"type":"reasoning.encrypted","id","data","summary","format":"openai-responses-v1"}</c>.</item>
/// </list>
/// A streamed detail closes the reasoning whose text came before it as <c>reasoning_content</c> deltas, and carries no
/// text of its own. In the client's protocol the detail rides where that protocol keeps opaque reasoning, marked as the
/// gateway's: an Anthropic client gets an OpenAI item as a thinking block signed <c>gateway:openai:{id}:{data}</c>, a
/// Responses client gets Anthropic's thinking as a reasoning item whose <c>encrypted_content</c> is
/// <c>gateway:anthropic:{base64url JSON}</c>. Anthropic's signatures and OpenAI's encrypted content are base64, without a
/// colon, so neither is mistaken for a mark; an upstream of the other kind never gets a marked one (<see cref="IsMarked(string?)"/>).
/// </summary>
internal static class ReasoningDetails
{
    /// <summary>The Chat member that carries the details.</summary>
    public const string Member = "reasoning_details";

    private const string AnthropicFormat = "anthropic-claude-v1";
    private const string OpenAiFormat = "openai-responses-v1";
    private const string Text = "reasoning.text";
    private const string Encrypted = "reasoning.encrypted";
    private const string Mark = "gateway:";
    private const string OpenAiMark = Mark + "openai:";
    private const string AnthropicMark = Mark + "anthropic:";
    private static readonly byte[] MarkUtf8 = Encoding.UTF8.GetBytes(Mark);

    /// <summary>Whether a signature or encrypted content is the gateway's mark of another provider's reasoning.</summary>
    public static bool IsMarked(string? opaque) => opaque?.StartsWith(Mark, StringComparison.Ordinal) == true;

    /// <summary>
    /// <see cref="IsMarked(string?)"/> of a JSON string in a client's body, read from its raw UTF-8 without decoding it: the
    /// repairs look at every signature and encrypted content of every request.
    /// </summary>
    public static bool IsMarked(JsonElement opaque) =>
        opaque.ValueKind == JsonValueKind.String && JsonMarshal.GetRawUtf8Value(opaque)[1..].StartsWith(MarkUtf8);

    /// <summary>Whether the detail is Anthropic's, for an anthropic upstream.</summary>
    public static bool IsAnthropic(JsonObject detail) => detail["format"].Str() == AnthropicFormat;

    /// <summary>Whether the detail is an OpenAI reasoning item, for a Responses upstream.</summary>
    public static bool IsOpenAi(JsonObject detail) => detail["format"].Str() == OpenAiFormat;

    /// <summary>
    /// The detail of a Messages <c>thinking</c> or <c>redacted_thinking</c> block: Anthropic's own, or an OpenAI item the
    /// gateway marked; null for thinking without a signature (reasoning from a Chat provider) and for other blocks. A block
    /// without its <c>thinking</c> text (a stream's signature) gives a detail without text, for the streamed text before it.
    /// </summary>
    public static JsonObject? FromThinking(JsonObject block)
    {
        switch (block["type"].Str())
        {
            case "redacted_thinking" when block["data"].Str() is { Length: > 0 } data:
                return new JsonObject { ["type"] = Encrypted, ["data"] = data, ["format"] = AnthropicFormat };
            case "thinking" when block["signature"].Str() is { Length: > 0 } signature:
                if (!signature.StartsWith(OpenAiMark, StringComparison.Ordinal))
                {
                    var thinking = new JsonObject { ["type"] = Text, ["signature"] = signature, ["format"] = AnthropicFormat };
                    if (block["thinking"].Str() is { } text)
                    {
                        thinking["text"] = text;
                    }

                    return thinking;
                }

                var marked = signature.AsSpan(OpenAiMark.Length);
                var colon = marked.IndexOf(':');
                return colon < 0 || colon == marked.Length - 1 ? null : OpenAi(marked[..colon].ToString(), marked[(colon + 1)..].ToString(), block["thinking"].Str());
            default:
                return null;
        }
    }

    /// <summary>
    /// The Messages block of a detail: Anthropic's thinking or redacted thinking as it was, an OpenAI item as thinking with
    /// the gateway's signature. <paramref name="streamedText"/> is the text a streamed detail closes. Null for a detail of
    /// no known kind.
    /// </summary>
    public static JsonObject? ToThinking(JsonObject detail, string? streamedText = null)
    {
        if (IsAnthropic(detail))
        {
            return detail["type"].Str() == Encrypted
                ? new JsonObject { ["type"] = "redacted_thinking", ["data"] = detail["data"].Str() ?? "" }
                : new JsonObject { ["type"] = "thinking", ["thinking"] = detail["text"].Str() ?? streamedText ?? "", ["signature"] = detail["signature"].Str() ?? "" };
        }

        return IsOpenAi(detail) && detail["data"].Str() is { Length: > 0 } data
            ? new JsonObject { ["type"] = "thinking", ["thinking"] = detail["summary"].Str() ?? streamedText ?? "", ["signature"] = OpenAiMark + detail["id"].Str() + ":" + data }
            : null;
    }

    /// <summary>
    /// The detail of a Responses reasoning item: Anthropic's thinking the gateway marked, or the item's own encrypted
    /// content; null when it has none.
    /// </summary>
    public static JsonObject? FromReasoningItem(JsonObject item)
    {
        if (item["encrypted_content"].Str() is not { Length: > 0 } encrypted)
        {
            return null;
        }

        if (!encrypted.StartsWith(AnthropicMark, StringComparison.Ordinal))
        {
            return IsMarked(encrypted) ? null : OpenAi(item["id"].Str(), encrypted, ReasoningText.Of(item));
        }

        var decoded = DecodeMark(encrypted.AsSpan(AnthropicMark.Length));
        return decoded?["type"].Str() is Text or Encrypted ? decoded : null;
    }

    /// <summary>
    /// The Responses reasoning item of a detail: an OpenAI item as it was, Anthropic's thinking marked in
    /// <c>encrypted_content</c> with its text as the summary. <paramref name="streamedText"/> is the text a streamed detail
    /// closes; <paramref name="id"/> names the item when the detail has no id of its own.
    /// </summary>
    public static JsonObject? ToReasoningItem(JsonObject detail, string id, string? streamedText = null)
    {
        string text;
        string encrypted;
        if (IsOpenAi(detail) && detail["data"].Str() is { Length: > 0 } data)
        {
            id = detail["id"].Str() ?? id;
            text = detail["summary"].Str() ?? streamedText ?? "";
            encrypted = data;
        }
        else if (IsAnthropic(detail))
        {
            var anthropic = detail.DeepClone().AsObject();
            text = detail["type"].Str() == Text ? detail["text"].Str() ?? streamedText ?? "" : "";
            if (detail["type"].Str() == Text)
            {
                anthropic["text"] = text;
            }

            encrypted = AnthropicMark + Base64Url.EncodeToString(anthropic.CompactUtf8());
        }
        else
        {
            return null;
        }

        var item = ChatAnswerToResponses.ReasoningItem(id, text);
        if (text.Length == 0)
        {
            item["summary"] = new JsonArray();
        }

        item["encrypted_content"] = encrypted;
        return item;
    }

    private static JsonObject OpenAi(string? id, string data, string? summary)
    {
        var detail = new JsonObject { ["type"] = Encrypted, ["id"] = id, ["data"] = data, ["format"] = OpenAiFormat };
        if (!string.IsNullOrEmpty(summary))
        {
            detail["summary"] = summary;
        }

        return detail;
    }

    private static JsonObject? DecodeMark(ReadOnlySpan<char> encoded)
    {
        try
        {
            return JsonNodes.ParseObject(Base64Url.DecodeFromChars(encoded)) is { } detail && IsAnthropic(detail) ? detail : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
