using System.Text.Json.Nodes;

namespace Gateway.Core.Protocols.Chat;

/// <summary>Builds <c>chat.completion.chunk</c> payloads that share one id, timestamp and model.</summary>
internal sealed class ChatChunks(string model)
{
    public string Id { get; set; } = Conversion.ConversionIds.New("chatcmpl-");

    public long Created { get; set; }

    public JsonObject Delta(JsonObject delta, string? finishReason = null) => Envelope(new JsonArray(new JsonObject
    {
        ["index"] = 0,
        ["delta"] = delta,
        ["logprobs"] = null,
        ["finish_reason"] = finishReason,
    }));

    /// <summary>The usage-only chunk that ends a stream whose client asked for <c>stream_options.include_usage</c>.</summary>
    public JsonObject Usage(JsonObject usage)
    {
        var chunk = Envelope([]);
        chunk["usage"] = usage;
        return chunk;
    }

    private JsonObject Envelope(JsonArray choices) => new()
    {
        ["id"] = Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = choices,
    };
}
