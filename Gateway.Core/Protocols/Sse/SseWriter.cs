namespace Gateway.Core.Protocols.Sse;

/// <summary>Serialises events in the canonical form: optional <c>event:</c>, one <c>data:</c> line per data line, a blank line.</summary>
public static class SseWriter
{
    /// <summary>Writes <paramref name="sse"/> as UTF-8 into <paramref name="output"/> (a response's pipe: no copy of its own).</summary>
    public static void Write(SseEvent sse, IBufferWriter<byte> output)
    {
        if (sse.EventType is not null)
        {
            output.Write("event: "u8);
            Encoding.UTF8.GetBytes(sse.EventType, output);
            output.Write("\n"u8);
        }

        var data = sse.Data.AsSpan();
        while (true)
        {
            var end = data.IndexOf('\n');
            output.Write("data: "u8);
            Encoding.UTF8.GetBytes(end < 0 ? data : data[..end], output);
            output.Write("\n"u8);
            if (end < 0)
            {
                break;
            }

            data = data[(end + 1)..];
        }

        output.Write("\n"u8);
    }
}
