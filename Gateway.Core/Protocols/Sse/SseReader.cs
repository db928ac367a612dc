namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// Reads server-sent events one at a time as they arrive: <c>data:</c> with or without a space, LF, CRLF or CR,
/// comments, multi-line data, and a stream that ends without a blank line or without <c>[DONE]</c>. A line longer than
/// <c>maxLineBytes</c> or an event larger than <c>maxEventBytes</c> is refused with
/// <see cref="ReadLimitExceededException"/>: an upstream decides how much it sends, not how much the gateway holds.
/// <see cref="TryRead"/> hands out the events that already arrived without waiting for the network, so a relay can send
/// them all with one flush. Each event's data is the reader's own copy, or, once <see cref="LendsEvents"/> is set, a view
/// of the bytes as read.
/// </summary>
public sealed class SseReader : IDisposable
{
    /// <summary>The line cap when none is given.</summary>
    public const int DefaultMaxLineBytes = 8 * 1024 * 1024;

    /// <summary>The event cap when none is given.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    private readonly SseLineReader _lines;
    private readonly int _maxEventBytes;

    // The event being read, kept across reads of the stream: its first data line is a copy, or the line as read when
    // lent (copied before the next read of the stream moves it).
    private string? _eventType;
    private ReadOnlyMemory<byte>? _data;
    private bool _dataLent;
    private ArrayBufferWriter<byte>? _joined;
    private long _eventBytes;

    // The last event type decoded: a stream names most of its events alike (every text delta), so one string serves them all.
    private string? _lastType;

    public SseReader(Stream stream, int maxLineBytes = DefaultMaxLineBytes, int maxEventBytes = DefaultMaxEventBytes)
    {
        _lines = new SseLineReader(stream, maxLineBytes);
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>
    /// Whether an event whose data is one line (nearly every event) is handed out as a view of the bytes as read instead
    /// of a copy: it is valid only until the next <see cref="ReadAsync"/>, so only for a relay that writes each event out
    /// before it reads again. Events handed out before it was set stay valid.
    /// </summary>
    public bool LendsEvents { get; set; }

    /// <summary>The next event, or null at the end of the stream.</summary>
    /// <param name="beforeRead">
    /// Called before each read of the stream, comments and parts of an event included: an idle timeout restarted there
    /// measures silence, not the time an event takes to arrive whole.
    /// </param>
    public async ValueTask<SseEvent?> ReadAsync(CancellationToken ct, Action? beforeRead = null)
    {
        while (true)
        {
            if (TryRead(out var sse))
            {
                return sse;
            }

            if (_lines.Ended)
            {
                // A last event without its blank line still counts.
                return _data is null ? null : Complete();
            }

            if (_dataLent)
            {
                _data = _data!.Value.ToArray();
                _dataLent = false;
            }

            beforeRead?.Invoke();
            await _lines.FillAsync(ct);
        }
    }

    /// <summary>The next event when the bytes already read hold all of it; false when the stream must be read first.</summary>
    public bool TryRead(out SseEvent sse)
    {
        while (_lines.TryReadLine(out var lineMemory))
        {
            var line = lineMemory.Span;
            if (line.IsEmpty)
            {
                if (_data is not null)
                {
                    sse = Complete();
                    return true;
                }

                _eventType = null;
                _eventBytes = 0;
                continue;
            }

            if (line[0] == (byte)':')
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var valueMemory = colon < 0 ? ReadOnlyMemory<byte>.Empty : lineMemory[(colon + 1)..];
            if (valueMemory.Span is [(byte)' ', ..])
            {
                valueMemory = valueMemory[1..];
            }

            var value = valueMemory.Span;

            if (field.SequenceEqual("event"u8))
            {
                _eventType = TypeOf(value);
            }
            else if (field.SequenceEqual("data"u8))
            {
                // Only data is held until the event ends, so only data counts towards its cap.
                _eventBytes += line.Length;
                if (_eventBytes > _maxEventBytes)
                {
                    throw new ReadLimitExceededException("SSE event", _maxEventBytes);
                }

                // Only an event of several data lines needs joining; one line (the usual case) is its data as read.
                if (_data is not { } first)
                {
                    _data = LendsEvents ? valueMemory : value.ToArray();
                    _dataLent = LendsEvents;
                }
                else
                {
                    if (_joined is null)
                    {
                        _joined = new ArrayBufferWriter<byte>(first.Length + 1 + value.Length);
                        _joined.Write(first.Span);
                    }

                    _joined.Write("\n"u8);
                    _joined.Write(value);
                }
            }
        }

        sse = default;
        return false;
    }

    public void Dispose() => _lines.Dispose();

    private string TypeOf(ReadOnlySpan<byte> utf8)
    {
        // A type that is not ASCII is never equal here: it is decoded each time, still right.
        if (_lastType is null || !Ascii.Equals(utf8, _lastType))
        {
            _lastType = Encoding.UTF8.GetString(utf8);
        }

        return _lastType;
    }

    private SseEvent Complete()
    {
        var sse = new SseEvent(_eventType, _joined is null ? _data!.Value : _joined.WrittenSpan.ToArray());
        _eventType = null;
        _data = null;
        _dataLent = false;
        _joined = null;
        _eventBytes = 0;
        return sse;
    }
}
