namespace Gateway.Core.Forwarding;

/// <summary>
/// Rewrites a client body for a same-protocol attempt in one streaming pass (no mutable tree, no clone): the
/// model replaced, and <c>stream_options.include_usage</c> forced on when the gateway needs usage from a chat
/// stream. Every other property is copied as it came.
/// </summary>
internal static class RequestBodyRewriter
{
    public static byte[] Rewrite(ReadOnlyMemory<byte> body, string model, bool includeUsage)
    {
        using var document = JsonDocument.Parse(body);
        var buffer = new ArrayBufferWriter<byte>(body.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, JsonNodes.WireWriter))
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
        }

        return buffer.WrittenSpan.ToArray();
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
