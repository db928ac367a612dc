namespace Gateway.Core.Protocols.Sse;

/// <summary>
/// Reads the lines of an SSE stream (ended by LF, CRLF or CR) straight from its bytes, holding at most one line of
/// <c>maxLineBytes</c>: a line that does not end within that is refused with <see cref="ReadLimitExceededException"/>
/// instead of growing without bound.
/// </summary>
internal sealed class SseLineReader(Stream stream, int maxLineBytes) : IDisposable
{
    private const int InitialBufferBytes = 16 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _start;
    private int _end;
    private bool _ended;
    private bool _afterCarriageReturn;
    private bool _started;

    /// <summary>The length in bytes of the line last returned.</summary>
    public int LastLineBytes { get; private set; }

    /// <summary>The next line without its terminator, or null at the end of the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        var scanned = 0;
        while (true)
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
            var terminator = pending[scanned..].IndexOfAny((byte)'\n', (byte)'\r');
            if (terminator >= 0)
            {
                var length = scanned + terminator;
                if (length > maxLineBytes)
                {
                    throw new ReadLimitExceededException("SSE line", maxLineBytes);
                }

                var line = Decode(pending[..length]);
                _afterCarriageReturn = pending[length] == (byte)'\r';
                _start += length + 1;
                return line;
            }

            scanned = pending.Length;
            if (pending.Length > maxLineBytes)
            {
                throw new ReadLimitExceededException("SSE line", maxLineBytes);
            }

            if (_ended)
            {
                // A last line without its terminator still counts (within the cap, checked above).
                if (pending.Length == 0)
                {
                    return null;
                }

                _start = _end;
                return Decode(pending);
            }

            await FillAsync(ct);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        LastLineBytes = line.Length;
        return Encoding.UTF8.GetString(line);
    }

    private async ValueTask FillAsync(CancellationToken ct)
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
            _ended = true;
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
}
