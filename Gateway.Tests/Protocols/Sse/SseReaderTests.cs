using System.Buffers;
using System.Text;
using Gateway.Core.Protocols.Sse;

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

    private static async Task<List<SseEvent>> ReadAllAsync(string raw)
    {
        using var reader = new SseReader(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        var events = new List<SseEvent>();
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            events.Add(sse);
        }

        return events;
    }
}
