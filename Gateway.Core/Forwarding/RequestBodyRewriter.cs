namespace Gateway.Core.Forwarding;

/// <summary>
/// Rewrites a client body for a same-protocol attempt in one streaming pass (no mutable tree, no clone): the
/// model replaced, and <c>stream_options.include_usage</c> forced on when the gateway needs usage from a chat
/// stream. Every other property is copied as it came.
/// </summary>
internal static class RequestBodyRewriter
{
    // One buffer and writer per thread, reused (a rewrite runs from start to end without awaiting): a fresh pair cost two
    // arrays a request, the second because the writer asks for 4 KB more than the body. A buffer that grew past
    // RetainedBytes for a large body is let go, so one large request does not stay in memory for the life of a thread.
    private const int RetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? CachedBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? CachedWriter;

    public static byte[] Rewrite(ReadOnlyMemory<byte> body, string model, bool includeUsage)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = CachedBuffer ??= new ArrayBufferWriter<byte>();
        var writer = CachedWriter ??= new Utf8JsonWriter(buffer, JsonNodes.WireWriter);
        try
        {
            writer.WriteStartObject();
            var wroteStreamOptions = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("model"))
                {
                    writer.WriteString("model", model);
                }
                else if (includeUsage && property.NameEquals("stream_options"))
                {
                    WriteStreamOptions(writer, property.Value);
                    wroteStreamOptions = true;
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            if (includeUsage && !wroteStreamOptions)
            {
                WriteStreamOptions(writer, default);
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset();
            buffer.ResetWrittenCount();
            if (buffer.Capacity > RetainedBytes)
            {
                (CachedBuffer, CachedWriter) = (null, null);
            }
        }
    }

    private static void WriteStreamOptions(Utf8JsonWriter writer, JsonElement existing)
    {
        writer.WriteStartObject("stream_options");
        if (existing.ValueKind == JsonValueKind.Object)
        {
            foreach (var option in existing.EnumerateObject())
            {
                if (!option.NameEquals("include_usage"))
                {
                    option.WriteTo(writer);
                }
            }
        }

        writer.WriteBoolean("include_usage", true);
        writer.WriteEndObject();
    }
}
