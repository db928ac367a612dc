namespace Gateway.Core.Protocols.Sse;

/// <summary>Serialises events in the canonical form: optional <c>event:</c>, one <c>data:</c> line per data line, a blank line.</summary>
public static class SseWriter
{
    /// <summary>
    /// Writes <paramref name="sse"/> as UTF-8 into <paramref name="output"/> (a response's pipe: no copy of its own), in
    /// one span: a pipe's span requests cost more than the few bytes of framing between them. An event that holds its
    /// payload as bytes (every event read from an upstream) is copied as it is, never decoded and encoded again.
    /// </summary>
    public static void Write(SseEvent sse, IBufferWriter<byte> output)
    {
        var data = sse.Utf8;
        var length = ("data: \n".Length * (data.Count((byte)'\n') + 1)) + data.Length + 1;
        if (sse.EventType is { } type)
        {
            length += "event: \n".Length + Encoding.UTF8.GetByteCount(type);
        }

        var span = output.GetSpan(length);
        var at = 0;
        if (sse.EventType is not null)
        {
            at += Copy("event: "u8, span);
            at += Encoding.UTF8.GetBytes(sse.EventType, span[at..]);
            span[at++] = (byte)'\n';
        }

        while (true)
        {
            var end = data.IndexOf((byte)'\n');
            at += Copy("data: "u8, span[at..]);
            at += Copy(end < 0 ? data : data[..end], span[at..]);
            span[at++] = (byte)'\n';
            if (end < 0)
            {
                break;
            }

            data = data[(end + 1)..];
        }

        span[at++] = (byte)'\n';
        output.Advance(at);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> to)
    {
        text.CopyTo(to);
        return text.Length;
    }
}
