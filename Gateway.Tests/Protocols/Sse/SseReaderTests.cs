using System.Buffers;

namespace Gateway.Tests.Protocols.Sse;

public class SseReaderTests
{
    [Theory]
    [InlineData("data: {\"a\":1}\n\n", "{\"a\":1}")]
    [InlineData("data:{\"a\":1}\n\n", "{\"a\":1}")]
    [InlineData("data: {\"a\":1}\r\n\r\n", "{\"a\":1}")]
    [InlineData(": keep-alive\n\ndata: x\n\n", "x")]
    [InlineData("data: first\ndata: second\n\n", "first\nsecond")]
    [InlineData("data: no blank line at the end", "no blank line at the end")]
    [InlineData("id: 7\nretry: 100\ndata: x\n\n", "x")]
    public async Task ReadsTheDataOfOneEventWhateverItsFraming(string raw, string expected)
    {
        var events = await ReadAllAsync(raw);

        Assert.Equal([expected], events.Select(e => e.Data));
    }

    [Fact]
    public async Task ReadsEventTypesAndResetsThemBetweenEvents()
    {
        var events = await ReadAllAsync("event: response.created\ndata: {}\n\ndata: plain\n\n");

        Assert.Equal([new SseEvent("response.created", "{}"), new SseEvent(null, "plain")], events);
    }

    [Fact]
    public async Task EachEventKeepsItsOwnType_WhenTypesRepeatChangeOrAreNotAscii()
    {
        var events = await ReadAllAsync("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\nevent: deltb\ndata: 3\n\nevent: d\u00e9lta\ndata: 4\n\n"
            + "event: d\u00e9lta\ndata: 5\n\nevent: delta\ndata: 6\n\ndata: 7\n\n");

        Assert.Equal(["delta", "delta", "deltb", "d\u00e9lta", "d\u00e9lta", "delta", null], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task AStreamWithoutDoneEndsAfterItsLastEvent()
    {
        var events = await ReadAllAsync("data: a\n\ndata: b\n\n");

        Assert.Equal(["a", "b"], events.Select(e => e.Data));
        Assert.DoesNotContain(events, e => e.IsDone);
    }

    [Fact]
    public async Task DoneIsReadAsTheTerminator()
    {
        var events = await ReadAllAsync("data: a\n\ndata: [DONE]\n\n");

        Assert.True(events[^1].IsDone);
    }

    [Fact]
    public async Task BlankLinesAndEventsWithoutDataAreSkipped()
    {
        var events = await ReadAllAsync("\n\nevent: ping\n\ndata: x\n\n");

        Assert.Equal([new SseEvent(null, "x")], events);
    }

    [Fact]
    public async Task WriterRoundTripsMultiLineData()
    {
        var original = new SseEvent("error", "line1\nline2");

        var written = new ArrayBufferWriter<byte>();
        SseWriter.Write(original, written);

        var events = await ReadAllAsync(Encoding.UTF8.GetString(written.WrittenSpan));

        Assert.Equal([original], events);
    }

    [Fact]
    public async Task AnEventRead_IsWrittenBackByteForByte_ItsLinesJoinedAndSplitAgain()
    {
        const string raw = "event: delta\ndata: {\"t\":\"中文\"}\ndata: second line\n\n";
        var read = (await ReadAllAsync(raw)).Single();

        var written = new ArrayBufferWriter<byte>();
        SseWriter.Write(read, written);

        Assert.Equal("{\"t\":\"中文\"}\nsecond line", read.Data);
        Assert.Equal(raw, Encoding.UTF8.GetString(written.WrittenSpan));
    }

    [Theory]
    [InlineData("data: a\rdata: b\r\r", "a\nb")]
    [InlineData("\uFEFFdata: bom\n\n", "bom")]
    [InlineData("data: 中文\n\n", "中文")]
    public async Task ReadsCarriageReturnLinesAByteOrderMarkAndUtf8(string raw, string expected) =>
        Assert.Equal([expected], (await ReadAllAsync(raw)).Select(e => e.Data));

    [Fact]
    public async Task ALineLongerThanItsCap_IsRefusedBeforeItIsHeldWhole()
    {
        var raw = "data: " + new string('x', 5000) + "\n\n";

        var refused = await Assert.ThrowsAsync<ReadLimitExceededException>(() => ReadAllAsync(raw, maxLineBytes: 1024));

        Assert.Equal(("SSE line", 1024L), (refused.What, refused.Limit));
    }

    [Fact]
    public async Task AnEventLargerThanItsCap_IsRefusedThoughEachLineFits()
    {
        var raw = string.Concat(Enumerable.Repeat("data: " + new string('x', 500) + "\n", 10)) + "\n";

        var refused = await Assert.ThrowsAsync<ReadLimitExceededException>(() => ReadAllAsync(raw, maxLineBytes: 1024, maxEventBytes: 4096));

        Assert.Equal("SSE event", refused.What);
    }

    [Fact]
    public async Task ALineOfExactlyTheCap_IsRead()
    {
        var events = await ReadAllAsync("data:" + new string('y', 1019) + "\n\n", maxLineBytes: 1024);

        Assert.Equal(1019, events.Single().Data.Length);
    }

    [Fact]
    public async Task TryRead_HandsOutOnlyWholeEventsAlreadyRead_AndAnEventSplitAcrossReadsResumes()
    {
        var stream = new PiecesStream("event: e1\ndata: a\n\ndata: b\n\n: keep-alive\n\nevent: e3\ndata: c", "\n\n");
        using var reader = new SseReader(stream);

        Assert.False(reader.TryRead(out _));
        Assert.Equal(new SseEvent("e1", "a"), await reader.ReadAsync(CancellationToken.None));
        Assert.True(reader.TryRead(out var arrived));
        Assert.Equal(new SseEvent(null, "b"), arrived);

        // A comment is no event, and the third one is not whole yet: the network must be read first.
        Assert.False(reader.TryRead(out _));
        Assert.Equal(1, stream.Reads);
        Assert.Equal(new SseEvent("e3", "c"), await reader.ReadAsync(CancellationToken.None));
        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EveryReadOfTheStream_IsAnnounced_KeepAliveCommentsAndPartsOfAnEventToo()
    {
        var stream = new PiecesStream(": keep-alive\n\n", ": keep-alive\n\n", "data: par", "t\n\n");
        using var reader = new SseReader(stream);
        var announced = 0;

        var sse = await reader.ReadAsync(CancellationToken.None, () => announced++);

        Assert.Equal(new SseEvent(null, "part"), sse);
        Assert.Equal((4, 4), (stream.Reads, announced));
    }

    [Fact]
    public async Task LentEvents_EachReadBeforeTheNextRead_AndAnEventThatEndsInALaterRead_KeepItsData()
    {
        var stream = new PiecesStream("data: one\n\n", "data: tw", "o\n\n", "data: three\n", "\ndata: four\n\nevent: e\ndata: five\n", "data: six\n\n");
        using var reader = new SseReader(stream);
        var copied = await reader.ReadAsync(CancellationToken.None);

        reader.LendsEvents = true;
        var lent = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            lent.Add(sse.ToString());
        }

        // "three" and "five" were whole lines when the stream was read again for their ends, which moved those lines.
        Assert.Equal(["data: two", "data: three", "data: four", "event: e, data: five\nsix"], lent);
        Assert.Equal(new SseEvent(null, "one"), copied);
    }

    private static async Task<List<SseEvent>> ReadAllAsync(string raw, int maxLineBytes = SseReader.DefaultMaxLineBytes, int maxEventBytes = SseReader.DefaultMaxEventBytes)
    {
        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(raw)), maxLineBytes, maxEventBytes);
        var events = new List<SseEvent>();
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            events.Add(sse);
        }

        return events;
    }

    /// <summary>A stream that hands out each of its pieces on one read, as a network stream hands out what has arrived.</summary>
    private sealed class PiecesStream(params string[] pieces) : Stream
    {
        private readonly Queue<byte[]> _pieces = new(pieces.Select(Encoding.UTF8.GetBytes));

        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!_pieces.TryDequeue(out var piece))
            {
                return 0;
            }

            Reads++;
            piece.CopyTo(buffer, offset);
            return piece.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
