namespace Gateway.Tests.Forwarding;

/// <summary>Bodies are read whole and exactly, never past their cap, however they declare and deliver themselves.</summary>
public sealed class BodyBufferTests
{
    // (body length, declared length, bytes per read): a declared length that is right, absent, short or long, in one read or many.
    [Theory]
    [InlineData(0, 0L, 64)]
    [InlineData(0, null, 64)]
    [InlineData(1, 1L, 1)]
    [InlineData(100, 100L, 64)]
    [InlineData(100, null, 7)]
    [InlineData(10_000, null, 4096)]
    [InlineData(10_000, 10_000L, 3)]
    [InlineData(5_000, 10L, 512)]
    [InlineData(10, 5_000L, 512)]
    public async Task ReadWhole_ReturnsTheBodyExactly_WhateverItDeclaresAndHoweverItArrives(int length, long? declared, int perRead)
    {
        var body = Body(length);

        var read = await BodyBuffer.ReadWholeAsync(new Trickle(body, perRead), declared, maxBytes: 20_000, "body", take: null, CancellationToken.None);

        Assert.Equal(body, read);
    }

    // A declared length is believed for only a megabyte ahead of its bytes; past that, the body grows towards its length.
    [Theory]
    [InlineData(2_500_000, 2_500_000L)]
    [InlineData(2_500_000, 4_000_000L)]
    [InlineData(2_500_000, null)]
    public async Task ReadWhole_ABodyPastTheReservedMegabyte_IsReadWhole(int length, long? declared)
    {
        var body = Body(length);

        Assert.Equal(body, await BodyBuffer.ReadWholeAsync(new Trickle(body, 65_536), declared, maxBytes: 8_000_000, "body", take: null, CancellationToken.None));
    }

    [Theory]
    [InlineData(1_000, null)]
    [InlineData(1_000, 1_000L)]
    public async Task ReadWhole_TakesABodyOfExactlyTheCap(int length, long? declared)
    {
        var body = Body(length);

        Assert.Equal(body, await BodyBuffer.ReadWholeAsync(new Trickle(body, 100), declared, maxBytes: length, "body", take: null, CancellationToken.None));
    }

    [Theory]
    [InlineData(1_001, null)]
    [InlineData(1_001, 10L)]
    [InlineData(10, 1_001L)]
    public async Task ReadWhole_RefusesABodyOrADeclaredLengthPastTheCap(int length, long? declared)
    {
        var refused = await Assert.ThrowsAsync<ReadLimitExceededException>(async () =>
            await BodyBuffer.ReadWholeAsync(new Trickle(Body(length), 100), declared, maxBytes: 1_000, "request body", take: null, CancellationToken.None));

        Assert.Equal(("request body", 1_000L), (refused.What, refused.Limit));
    }

    [Theory]
    [InlineData(50, null, 50)]
    [InlineData(5_000, null, 1_000)]
    [InlineData(5_000, 5_000L, 1_000)]
    public async Task ReadStart_KeepsAtMostTheCap_AndLeavesTheRestUnread(int length, long? declared, int expected)
    {
        var body = Body(length);
        var stream = new Trickle(body, 300);
        using var content = new StreamContent(stream) { Headers = { ContentLength = declared } };

        var read = await BodyBuffer.ReadStartAsync(content, maxBytes: 1_000, idle: null, CancellationToken.None);

        Assert.Equal(body[..expected], read);
        Assert.Equal(expected, stream.Delivered);
    }

    private static byte[] Body(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7))];

    /// <summary>A body that arrives at most <paramref name="perRead"/> bytes at a time, as a socket delivers it.</summary>
    private sealed class Trickle(byte[] body, int perRead) : MemoryStream(body, writable: false)
    {
        /// <summary>Bytes read so far, still known once the reader has closed the stream.</summary>
        public int Delivered { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
            Delivered += read;
            return read;
        }
    }
}
