namespace Gateway.Core.Forwarding;

/// <summary>Buffers an answer read with <c>ResponseHeadersRead</c>, up to a cap: HttpClient's own buffering has none worth the name (2 GB).</summary>
internal static class BoundedContent
{
    /// <summary>Replaces the answer's content with its first <paramref name="maxBytes"/> bytes, or throws <see cref="ReadLimitExceededException"/> when it has more.</summary>
    public static async Task BufferAsync(HttpResponseMessage response, int maxBytes, string what, CancellationToken ct)
    {
        var original = response.Content;
        if (original.Headers.ContentLength > maxBytes)
        {
            throw new ReadLimitExceededException(what, maxBytes);
        }

        byte[] bytes;
        await using (var stream = await original.ReadAsStreamAsync(ct))
        {
            bytes = new byte[maxBytes + 1];
            var total = 0;
            int read;
            while (total < bytes.Length && (read = await stream.ReadAsync(bytes.AsMemory(total), ct)) > 0)
            {
                total += read;
            }

            if (total > maxBytes)
            {
                throw new ReadLimitExceededException(what, maxBytes);
            }

            Array.Resize(ref bytes, total);
        }

        var buffered = new ByteArrayContent(bytes);
        buffered.Headers.ContentType = original.Headers.ContentType;

        response.Content = buffered;
        original.Dispose();
    }
}
