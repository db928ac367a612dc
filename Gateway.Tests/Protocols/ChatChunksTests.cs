namespace Gateway.Tests.Protocols;

public sealed class ChatChunksTests
{
    /// <summary>A text chunk is written without a JSON tree: it must still be the tree's serialisation, escaping included.</summary>
    [Theory]
    [InlineData("content", "Hello")]
    [InlineData("refusal", "naïve \"quotes\" <b>&amp;</b> it's")]
    [InlineData("reasoning_content", "line\nbreak\ttab \\ 😀 \u2028")]
    public void TextChunk_IsTheChunkAsAJsonTreeSerialisesIt(string field, string text)
    {
        var chunks = new ChatChunks("client-model", new FakeTimeProvider(TestClock.Start)) { Id = "chatcmpl-t1", Created = 1700000000 };
        var output = new List<SseEvent>();

        chunks.Text(output, field, text);

        var expected = new JsonObject
        {
            ["id"] = "chatcmpl-t1",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1700000000L,
            ["model"] = "client-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = new JsonObject { [field] = text },
                ["logprobs"] = null,
                ["finish_reason"] = null,
            }),
        };
        Assert.Equal(2, output.Count);
        Assert.Equal(expected.ToJsonString(), output[1].Data);
    }
}
