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
        string? data = null;
        long eventBytes = 0;

        // Only an event of several data lines needs joining; one line (the usual case) is its data as read.
        StringBuilder? joined = null;
        while (true)
        {
            var line = await _lines.ReadLineAsync(ct);
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
                eventBytes = 0;
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
                // Only data is held until the event ends, so only data counts towards its cap.
                eventBytes += _lines.LastLineBytes;
                if (eventBytes > _maxEventBytes)
                {
                    throw new ReadLimitExceededException("SSE event", _maxEventBytes);
                }

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

    public void Dispose() => _lines.Dispose();
}
