using System.Buffers;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Reads a body into one array of the body's own length, never past a cap: the client's request, an upstream's answer
/// or error, a probe's reply, a token answer. A body that declares its length is read straight into an array of that
/// size, with no copy; one that does not grows an array by doubling.
/// </summary>
public static class BodyBuffer
{
    private const int FirstSizeOfUndeclared = 4 * 1024;

    /// <summary>The whole body, or <see cref="ReadLimitExceededException"/> once it (or its declared length) passes <paramref name="maxBytes"/>.</summary>
    public static ValueTask<byte[]> ReadWholeAsync(Stream stream, long? declaredLength, long maxBytes, string what, CancellationToken ct) =>
        ReadWholeAsync(stream, declaredLength, maxBytes, what, idle: null, ct);

    /// <summary>As <see cref="ReadWholeAsync(Stream, long?, long, string, CancellationToken)"/>, restarting <paramref name="idle"/> before every read.</summary>
    internal static async ValueTask<byte[]> ReadWholeAsync(Stream stream, long? declaredLength, long maxBytes, string what, ActivityTimeout? idle, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            throw new ReadLimitExceededException(what, maxBytes);
        }

        // One byte past the cap tells a body of exactly the cap from a larger one.
        var bytes = await ReadAsync(stream, declaredLength, (int)Math.Min(maxBytes + 1, Array.MaxLength), idle, ct);
        return bytes.Length > maxBytes ? throw new ReadLimitExceededException(what, maxBytes) : bytes;
    }

    /// <summary>At most the first <paramref name="maxBytes"/> of the body; the rest is left unread.</summary>
    internal static ValueTask<byte[]> ReadStartAsync(Stream stream, long? declaredLength, int maxBytes, ActivityTimeout? idle, CancellationToken ct) =>
        ReadAsync(stream, declaredLength, maxBytes, idle, ct);

    private static async ValueTask<byte[]> ReadAsync(Stream stream, long? declaredLength, int limit, ActivityTimeout? idle, CancellationToken ct)
    {
        var buffer = new byte[declaredLength is { } length and >= 0 ? (int)Math.Min(length, limit) : Math.Min(FirstSizeOfUndeclared, limit)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == limit)
                {
                    return buffer;
                }

                // Full: a one-byte read tells a body that ends here (every body that kept to its declared length) from one that goes on.
                var next = await ReadOneAsync(stream, idle, ct);
                if (next < 0)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(2L * buffer.Length, FirstSizeOfUndeclared), limit));
                buffer[total++] = (byte)next;
                continue;
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
