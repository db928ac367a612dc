namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// Reads the lines of an SSE stream (ended by LF, CRLF or CR) straight from its bytes, holding at most one line of
/// <c>maxLineBytes</c>: a line that does not end within that is refused with <see cref="ReadLimitExceededException"/>
/// instead of growing without bound. Lines are handed out as bytes, so a reader decodes only the part it keeps.
/// </summary>
internal sealed class SseLineReader(Stream stream, int maxLineBytes) : IDisposable
{
    private const int InitialBufferBytes = 16 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;

    // How much of the unfinished line was already searched for its end.
    private int _scanned;
    private bool _afterCarriageReturn;
    private bool _started;

    /// <summary>The stream has no more bytes: what <see cref="TryReadLine"/> cannot return now never comes.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// The next line that is already read whole, without its terminator (at the end of the stream, a last line without
    /// one); false when more bytes must be read first. The line is valid until the next <see cref="FillAsync"/>.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        if (_afterCarriageReturn && _end > _start)
        {
            // CRLF is one terminator: the LF after a CR ends no second line.
            _afterCarriageReturn = false;
            if (_buffer[_start] == (byte)'\n')
            {
                _start++;
            }
        }

        var pending = _buffer.AsSpan(_start, _end - _start);
        var terminator = pending[_scanned..].IndexOfAny((byte)'\n', (byte)'\r');
        if (terminator >= 0)
        {
            var length = _scanned + terminator;
            if (length > maxLineBytes)
            {
                throw new ReadLimitExceededException("SSE line", maxLineBytes);
            }

            line = _buffer.AsMemory(_start, length);
            _afterCarriageReturn = pending[length] == (byte)'\r';
            _start += length + 1;
            _scanned = 0;
            return true;
        }

        _scanned = pending.Length;
        if (pending.Length > maxLineBytes)
        {
            throw new ReadLimitExceededException("SSE line", maxLineBytes);
        }

        if (Ended && pending.Length > 0)
        {
            // A last line without its terminator still counts (within the cap, checked above).
            line = _buffer.AsMemory(_start, pending.Length);
            _start = _end;
            _scanned = 0;
            return true;
        }

        line = default;
        return false;
    }

    /// <summary>Reads the next bytes of the stream, or notes its end.</summary>
    public async ValueTask FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            // Move the unfinished line to the front before reading more.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Room for one byte past the cap, so a line one byte too long is seen as too long.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, maxLineBytes + 1 + InitialBufferBytes));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0)
        {
            Ended = true;
            return;
        }

        _end += read;
        if (!_started)
        {
            // A byte-order mark at the very start of the stream is not part of the first line.
            _started = true;
            if (_buffer.AsSpan(0, _end).StartsWith(Utf8Bom))
            {
                _start = Utf8Bom.Length;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
