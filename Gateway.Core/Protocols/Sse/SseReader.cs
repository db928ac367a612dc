using System.Text;

namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// Reads server-sent events one at a time as they arrive: <c>data:</c> with or without a space, LF, CRLF or CR,
/// comments, multi-line data, and a stream that ends without a blank line or without <c>[DONE]</c>. A line longer than
/// <c>maxLineBytes</c> or an event larger than <c>maxEventBytes</c> is refused with
/// <see cref="ReadLimitExceededException"/>: an upstream decides how much it sends, not how much the gateway holds.
/// </summary>
public sealed class SseReader : IDisposable
{
    /// <summary>The line cap when none is given.</summary>
    public const int DefaultMaxLineBytes = 8 * 1024 * 1024;

    /// <summary>The event cap when none is given.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    private readonly SseLineReader _lines;
    private readonly int _maxEventBytes;

    public SseReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes, int maxEventBytes = DefaultMaxEventBytes)
    {
        _lines = new SseLineReader(stream, maxLineBytes);
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken ct)
    {
        string? eventType = null;
        StringBuilder? data = null;
        long eventBytes = 0;
        while (true)
        {
            var line = await _lines.ReadLineAsync(ct);
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
                eventBytes = 0;
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
                    // Only data is held until the event ends, so only data counts towards its cap.
                    eventBytes += _lines.LastLineBytes;
                    if (eventBytes > _maxEventBytes)
                    {
                        throw new ReadLimitExceededException("SSE event", _maxEventBytes);
                    }

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

    public void Dispose() => _lines.Dispose();
}
