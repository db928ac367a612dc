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
        string? data = null;

        // Only an event of several data lines needs joining; one line (the usual case) is its data as read.
        StringBuilder? joined = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(ct);
            if (line is null)
            {
                // A last event without its blank line still counts.
                return data is null ? null : new SseEvent(eventType, joined?.ToString() ?? data);
            }

            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(eventType, joined?.ToString() ?? data);
                }

                eventType = null;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line.AsSpan() : line.AsSpan(0, colon);
            var start = colon < 0 ? line.Length : colon + 1;
            if (start < line.Length && line[start] == ' ')
            {
                start++;
            }

            if (field is "event")
            {
                eventType = line[start..];
            }
            else if (field is "data")
            {
                var value = line[start..];
                if (data is null)
                {
                    data = value;
                }
                else
                {
                    (joined ??= new StringBuilder(data)).Append('\n').Append(value);
                }
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
