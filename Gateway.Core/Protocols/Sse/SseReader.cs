using System.Text;

namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// Reads server-sent events one at a time as they arrive: <c>data:</c> with or without a space, LF or CRLF,
/// comments, multi-line data, and a stream that ends without a blank line or without <c>[DONE]</c>.
/// </summary>
public sealed class SseReader : IDisposable
{
    private readonly StreamReader _reader;

    public SseReader(Stream stream)
    {
        _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
    }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken ct)
    {
        string? eventType = null;
        StringBuilder? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct);
            if (line is null)
            {
                // A last event without its blank line still counts.
                return data is null ? null : new SseEvent(eventType, data.ToString());
            }

            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(eventType, data.ToString());
                }

                eventType = null;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    eventType = value;
                    break;
                case "data":
                    if (data is null)
                    {
                        data = new StringBuilder(value);
                    }
                    else
                    {
                        data.Append('\n').Append(value);
                    }

                    break;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
