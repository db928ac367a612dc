namespace Gateway.Core.Forwarding;

/// <summary>Buffers an answer's body, which the upstream invoker leaves unread, up to a cap: HttpClient's own buffering has none worth the name (2 GB).</summary>
internal static class BoundedContent
{
    /// <summary>Replaces the answer's content with its first <paramref name="maxBytes"/> bytes, or throws <see cref="ReadLimitExceededException"/> when it has more.</summary>
    public static async Task BufferAsync(HttpResponseMessage response, int maxBytes, string what, CancellationToken ct)
    {
        var original = response.Content;
        var bytes = await BodyBuffer.ReadWholeAsync(original, maxBytes, what, idle: null, ct);
        var buffered = new ByteArrayContent(bytes);
        buffered.Headers.ContentType = original.Headers.ContentType;

        response.Content = buffered;
        original.Dispose();
    }
}
