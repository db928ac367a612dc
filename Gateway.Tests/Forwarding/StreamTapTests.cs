namespace Gateway.Tests.Forwarding;

public class StreamTapTests
{
    private const string Usage = """{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}""";

    [Theory]
    [InlineData("""{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", true)]
    [InlineData("""{"choices":[{"index":0,"delta":{},"finish_reason" : "length"}]}""", true)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}]}""", false)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"the \"finish_reason\":\"stop\" field"},"finish_reason":null}]}""", false)]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"finish_reason"},"finish_reason":"stop"}]}""", true)]
    public void AChatChunkEndsTheAnswer_OnlyWhenItsFinishReasonIsAString(string chunk, bool ended)
    {
        var tap = new StreamTap(ApiProtocol.Chat, dropUsageChunks: false);

        tap.Observe(Utf8Event(chunk));

        Assert.Equal(ended, tap.Ended);
    }

    [Theory]
    [InlineData("""{"choices":[],"usage":""" + Usage + "}")]
    [InlineData("""{"choices":[],"usage" : """ + Usage + "}")]
    [InlineData("""{"choices":[{"index":0,"delta":{"content":"usage"}}],"usage":""" + Usage + "}")]
    public void UsageIsReadFromTheChunkThatCarriesIt_WhereverTheWordAlsoStands(string chunk)
    {
        var tap = new StreamTap(ApiProtocol.Chat, dropUsageChunks: false);

        var forwarded = tap.Observe(Utf8Event(chunk));

        Assert.Equal(new TokenUsage(7, 3, 0), tap.Usage);
        Assert.Equal(Utf8Event(chunk), forwarded);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    public void MessagesUsageWithDetailsOfAnotherKind_IsReadWithoutThem(string details)
    {
        var tap = new StreamTap(ApiProtocol.Messages, dropUsageChunks: false);

        tap.Observe(new SseEvent("message_start", Encoding.UTF8.GetBytes("""{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":20,"output_tokens":1,"cache_read_input_tokens":4,"prompt_tokens_details":""" + details + "}}}")));

        Assert.Equal(new TokenUsage(24, 1, 4), tap.Usage);
    }

    [Fact]
    public void UsageTheClientDidNotAskFor_IsDroppedAlone_AndStrippedFromAChunkThatCarriesMore()
    {
        var tap = new StreamTap(ApiProtocol.Chat, dropUsageChunks: true);

        var usageOnly = tap.Observe(Utf8Event("""{"id":"c1","choices":[],"usage":""" + Usage + "}"));
        var withText = tap.Observe(Utf8Event("""{"id":"c1","choices":[{"index":0,"delta":{"content":"hi"}}],"usage":""" + Usage + "}"));

        Assert.Null(usageOnly);
        Assert.Equal("""{"id":"c1","choices":[{"index":0,"delta":{"content":"hi"}}]}""", withText?.Data);
        Assert.Equal(new TokenUsage(7, 3, 0), tap.Usage);
    }

    [Fact]
    public void AnEventReadFromTheUpstream_IsForwardedAsTheSameBytes()
    {
        var tap = new StreamTap(ApiProtocol.Chat, dropUsageChunks: true);
        var chunk = Utf8Event("""{"choices":[{"index":0,"delta":{"content":"hé"}}]}""");

        var forwarded = tap.Observe(chunk);

        Assert.True(forwarded?.Utf8.SequenceEqual(chunk.Utf8));
        Assert.Equal("""{"choices":[{"index":0,"delta":{"content":"hé"}}]}""", forwarded?.Data);
    }

    private static SseEvent Utf8Event(string data) => new(null, Encoding.UTF8.GetBytes(data));
}
