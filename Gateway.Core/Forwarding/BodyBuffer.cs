namespace Gateway.Core.Forwarding;

/// <summary>
/// Reads a body into one array of the body's own length, never past a cap: the client's request, an upstream's answer
/// or error, a probe's reply, a token answer. A body that declares its length is read straight into an array of that
/// size, with no copy; one that does not grows an array by doubling.
/// </summary>
public static class BodyBuffer
{
    private const int FirstSizeOfUndeclared = 4 * 1024;

    // A declared length is believed up to here before any of it arrives: a sender cannot make the gateway set aside
    // more than this for a body it then trickles or never sends. A longer body grows towards its declared length.
    private const int MostReservedAhead = 1024 * 1024;

    /// <summary>The whole body, or <see cref="ReadLimitExceededException"/> once it (or its declared length) passes <paramref name="maxBytes"/>.</summary>
    /// <param name="take">Told the bytes each allocation for the body adds, before it is made; it may throw to refuse them.</param>
    public static ValueTask<byte[]> ReadWholeAsync(Stream stream, long? declaredLength, long maxBytes, string what, Action<int>? take, CancellationToken ct) =>
        ReadWholeAsync(stream, declaredLength, maxBytes, what, idle: null, take, ct);

    /// <summary>As <see cref="ReadWholeAsync(Stream, long?, long, string, Action{int}?, CancellationToken)"/>, restarting <paramref name="idle"/> before every read.</summary>
    internal static async ValueTask<byte[]> ReadWholeAsync(Stream stream, long? declaredLength, long maxBytes, string what, ActivityTimeout? idle, Action<int>? take, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            throw new ReadLimitExceededException(what, maxBytes);
        }

        // One byte past the cap tells a body of exactly the cap from a larger one.
        var bytes = await ReadAsync(stream, declaredLength, (int)Math.Min(maxBytes + 1, Array.MaxLength), idle, take, ct);
        return bytes.Length > maxBytes ? throw new ReadLimitExceededException(what, maxBytes) : bytes;
    }

    /// <summary>An upstream answer's whole body, sized by its declared length; see <see cref="ReadWholeAsync(Stream, long?, long, string, ActivityTimeout?, Action{int}?, CancellationToken)"/>.</summary>
    /// <remarks>
    /// The stream is taken synchronously, here and in <see cref="ReadStartAsync"/>: an answer's content is the
    /// connection's, whose stream is there once the headers are (the asynchronous call would only wrap it in a task).
    /// </remarks>
    internal static async ValueTask<byte[]> ReadWholeAsync(HttpContent content, long maxBytes, string what, ActivityTimeout? idle, CancellationToken ct)
    {
        await using var stream = content.ReadAsStream(ct);
        return await ReadWholeAsync(stream, content.Headers.ContentLength, maxBytes, what, idle, take: null, ct);
    }

    /// <summary>At most the first <paramref name="maxBytes"/> of an upstream answer's body; the rest is left unread.</summary>
    internal static async ValueTask<byte[]> ReadStartAsync(HttpContent content, int maxBytes, ActivityTimeout? idle, CancellationToken ct)
    {
        await using var stream = content.ReadAsStream(ct);
        return await ReadAsync(stream, content.Headers.ContentLength, maxBytes, idle, take: null, ct);
    }

    private static async ValueTask<byte[]> ReadAsync(Stream stream, long? declaredLength, int limit, ActivityTimeout? idle, Action<int>? take, CancellationToken ct)
    {
        var declared = declaredLength is { } length and >= 0 ? Math.Min(length, limit) : (long?)null;
        var firstSize = declared is { } size ? (int)Math.Min(size, MostReservedAhead) : Math.Min(FirstSizeOfUndeclared, limit);
        take?.Invoke(firstSize);
        var buffer = new byte[firstSize];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == limit)
                {
                    return buffer;
                }

                if (!(declared > total))
                {
                    // Full at its declared length, or with none declared: a one-byte read tells a body that ends here from one that goes on.
                    var next = await ReadOneAsync(stream, idle, ct);
                    if (next < 0)
                    {
                        return buffer;
                    }

                    buffer = Grown(buffer, declared, limit, take);
                    buffer[total++] = (byte)next;
                    continue;
                }

                buffer = Grown(buffer, declared, limit, take);
            }

            idle?.Restart();
            var read = await stream.ReadAsync(buffer.AsMemory(total), idle?.Token ?? ct);
            if (read == 0)
            {
                return total == buffer.Length ? buffer : buffer[..total];
            }

            total += read;
        }
    }

    // Doubled, but not past the cap, nor past a declared length still ahead.
    private static byte[] Grown(byte[] buffer, long? declared, int limit, Action<int>? take)
    {
        var size = Math.Min(Math.Max(2L * buffer.Length, FirstSizeOfUndeclared), limit);
        var grown = (int)(declared > buffer.Length ? Math.Min(size, declared.Value) : size);
        take?.Invoke(grown - buffer.Length);
        Array.Resize(ref buffer, grown);
        return buffer;
    }

    /// <summary>The next byte, or -1 at the end of the body.</summary>
    private static async ValueTask<int> ReadOneAsync(Stream stream, ActivityTimeout? idle, CancellationToken ct)
    {
        var one = ArrayPool<byte>.Shared.Rent(1);
        try
        {
            idle?.Restart();
            return await stream.ReadAsync(one.AsMemory(0, 1), idle?.Token ?? ct) == 0 ? -1 : one[0];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(one);
        }
    }
}
