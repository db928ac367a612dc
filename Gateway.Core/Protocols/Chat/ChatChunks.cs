namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Writes the <c>chat.completion.chunk</c>s of a converted stream, all sharing one id, timestamp and model: the role in the
/// first chunk (once, before anything else), one-field text deltas, function and custom tool calls numbered by call (the
/// call, then its argument or input pieces), the finish chunk, the usage-only chunk and error chunks.
/// </summary>
internal sealed class ChatChunks(string model, TimeProvider time)
{
    // Everything before a text chunk's delta, which never changes within the stream: built once, when first needed.
    private byte[]? _textStart;

    /// <summary>
    /// The chunks' id: the upstream's, once adopted, else one of its own, made only when first needed (a stream adopts
    /// its upstream's id at its first event, and a new id costs a call to the system's random source).
    /// </summary>
    public string Id
    {
        get => field ??= ConversionIds.New("chatcmpl-");
        set
        {
            field = value;
            _textStart = null;
        }
    }

    public long Created
    {
        get;
        set
        {
            field = value;
            _textStart = null;
        }
    } = time.GetUtcNow().ToUnixTimeSeconds();

    public bool RoleSent { get; private set; }

    public void Role(List<SseEvent> output)
    {
        if (!RoleSent)
        {
            RoleSent = true;
            Emit(output, Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }));
        }
    }

    /// <summary>A delta of one text field (<c>content</c>, <c>refusal</c>, <c>reasoning_content</c>); empty text writes only the role.</summary>
    public void Text(List<SseEvent> output, ReadOnlySpan<byte> field, string? text)
    {
        Role(output);
        if (!string.IsNullOrEmpty(text))
        {
            output.Add(new SseEvent(null, TextChunk(field, JsonEncodedText.Encode(text, JsonNodes.WireWriter.Encoder).EncodedUtf8Bytes, quoted: false)));
        }
    }

    /// <summary>As <see cref="Text"/>, from text that is already a JSON string (<paramref name="quoted"/>: valid, quotes included).</summary>
    public void TextJson(List<SseEvent> output, ReadOnlySpan<byte> field, ReadOnlySpan<byte> quoted)
    {
        Role(output);
        if (quoted.Length > 2)
        {
            output.Add(new SseEvent(null, TextChunk(field, quoted, quoted: true)));
        }
    }

    /// <param name="custom">A custom (freeform) tool call rather than a function call.</param>
    public void ToolCall(List<SseEvent> output, int index, string? id, string? name, bool custom = false)
    {
        var call = custom ? ResponsesAnswerToChat.CustomToolCall(id, name, "") : ResponsesAnswerToChat.ToolCall(id, name, "");
        call["index"] = index;
        Emit(output, Delta(new JsonObject { ["tool_calls"] = new JsonArray(call) }));
    }

    /// <summary>A piece of a call's function arguments, or of a custom call's input (under <c>custom</c>).</summary>
    public void Arguments(List<SseEvent> output, int index, string text, bool custom = false)
    {
        var call = custom
            ? new JsonObject { ["index"] = index, ["custom"] = new JsonObject { ["input"] = text } }
            : new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = text } };
        Emit(output, Delta(new JsonObject { ["tool_calls"] = new JsonArray(call) }));
    }

    /// <summary>A delta of one reasoning detail, which closes the reasoning text streamed before it (<see cref="ReasoningDetails"/>).</summary>
    public void ReasoningDetail(List<SseEvent> output, JsonObject detail)
    {
        Role(output);
        Emit(output, Delta(new JsonObject { [ReasoningDetails.Member] = new JsonArray(detail) }));
    }

    public void Finish(List<SseEvent> output, string finishReason)
    {
        Role(output);
        Emit(output, Delta([], finishReason));
    }

    /// <summary>The usage-only chunk that ends a stream whose client asked for <c>stream_options.include_usage</c>.</summary>
    public void Usage(List<SseEvent> output, JsonObject usage)
    {
        var chunk = Envelope([]);
        chunk["usage"] = usage;
        Emit(output, chunk);
    }

    public static void Error(List<SseEvent> output, UpstreamError error) => Emit(output, error.ToChat());

    private JsonObject Delta(JsonObject delta, string? finishReason = null) => Envelope(new JsonArray(new JsonObject
    {
        ["index"] = 0,
        ["delta"] = delta,
        ["logprobs"] = null,
        ["finish_reason"] = finishReason,
    }));

    private JsonObject Envelope(JsonArray choices) => new()
    {
        ["id"] = Id,
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = choices,
    };

    // The chunk nearly every event of a converted stream becomes, put together from its bytes: the same JSON as
    // Delta(new JsonObject { [field] = text }) serialised, without building and walking a tree or running a writer per
    // token, and with the part that never changes within the stream (everything before the delta) written once.
    // The text is JSON string content, escaped: with its quotes when quoted, else without them.
    private byte[] TextChunk(ReadOnlySpan<byte> field, ReadOnlySpan<byte> text, bool quoted)
    {
        var start = _textStart ??= TextChunkStart();
        var afterName = quoted ? "\":"u8 : "\":\""u8;
        var close = quoted ? "}"u8 : "\"}"u8;
        var end = ""","logprobs":null,"finish_reason":null}]}"""u8;
        var chunk = new byte[start.Length + 2 + field.Length + afterName.Length + text.Length + close.Length + end.Length];
        var at = Append(chunk, 0, start);
        at = Append(chunk, at, "{\""u8);
        at = Append(chunk, at, field);
        at = Append(chunk, at, afterName);
        at = Append(chunk, at, text);
        at = Append(chunk, at, close);
        Append(chunk, at, end);
        return chunk;
    }

    private static int Append(byte[] chunk, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(chunk.AsSpan(at));
        return at + bytes.Length;
    }

    // {"id":…,"object":"chat.completion.chunk","created":…,"model":…,"choices":[{"index":0,"delta":
    private byte[] TextChunkStart()
    {
        var start = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(start, JsonNodes.WireWriter))
        {
            json.WriteStartObject();
            json.WriteString("id", Id);
            json.WriteString("object", "chat.completion.chunk");
            json.WriteNumber("created", Created);
            json.WriteString("model", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WritePropertyName("delta");
        }

        return start.WrittenSpan.ToArray();
    }

    private static void Emit(List<SseEvent> output, JsonObject payload) => output.Add(new SseEvent(null, payload.CompactUtf8()));
}
