namespace Gateway.Core.Protocols.Chat;

/// <summary>
/// Writes the <c>chat.completion.chunk</c>s of a converted stream, all sharing one id, timestamp and model: the role in the
/// first chunk (once, before anything else), one-field text deltas, function and custom tool calls numbered by call (the
/// call, then its argument or input pieces), the finish chunk, the usage-only chunk and error chunks.
/// </summary>
internal sealed class ChatChunks(string model, TimeProvider time)
{
    private readonly ArrayBufferWriter<byte> _text = new(256);
    private Utf8JsonWriter? _textWriter;
    private byte[]? _textStart;

    public string Id
    {
        get;
        set
        {
            field = value;
            _textStart = null;
        }
    } = ConversionIds.New("chatcmpl-");

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
    public void Text(List<SseEvent> output, string field, string? text)
    {
        Role(output);
        if (!string.IsNullOrEmpty(text))
        {
            var json = StartTextChunk();
            json.WriteString(field, text);
            output.Add(new SseEvent(null, EndTextChunk(json)));
        }
    }

    /// <summary>As <see cref="Text"/>, from text that is already a JSON string (<paramref name="quoted"/>: valid, quotes included).</summary>
    public void TextJson(List<SseEvent> output, string field, ReadOnlySpan<byte> quoted)
    {
        Role(output);
        if (quoted.Length > 2)
        {
            var json = StartTextChunk();
            json.WritePropertyName(field);
            json.WriteRawValue(quoted, skipInputValidation: true);
            output.Add(new SseEvent(null, EndTextChunk(json)));
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

    // The chunk nearly every event of a converted stream becomes, written straight out: the same JSON as
    // Delta(new JsonObject { [field] = text }) serialised, without building and walking a tree per token, and with the
    // part that never changes within the stream (everything before the delta) written once. The caller writes the delta's
    // one field between the start and the end.
    private Utf8JsonWriter StartTextChunk()
    {
        _text.ResetWrittenCount();
        _text.Write(_textStart ??= TextChunkStart());
        var json = _textWriter ??= new Utf8JsonWriter(_text, JsonNodes.WireWriter);
        json.Reset(_text);
        json.WriteStartObject();
        return json;
    }

    private byte[] EndTextChunk(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.Flush();
        _text.Write(""","logprobs":null,"finish_reason":null}]}"""u8);
        return _text.WrittenSpan.ToArray();
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
