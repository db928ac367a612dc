namespace Gateway.Tests.Protocols;

public sealed class ChatChunksTests
{
    /// <summary>
    /// A text chunk is put together from bytes, from decoded text or from the JSON string an upstream sent: either way it
    /// must be the tree's serialisation on the wire, escaping included.
    /// </summary>
    [Theory]
    [InlineData("content", "Hello")]
    [InlineData("refusal", "naïve \"quotes\" <b>&amp;</b> it's")]
    [InlineData("reasoning_content", "line\nbreak\ttab \\ 😀 \u2028")]
    public void TextChunk_IsTheChunkAsAJsonTreeSerialisesIt(string field, string text)
    {
        var chunks = new ChatChunks("client-model", new FakeTimeProvider(TestClock.Start)) { Id = "chatcmpl-t1", Created = 1700000000 };
        var output = new List<SseEvent>();

        chunks.Text(output, Encoding.UTF8.GetBytes(field), text);
        chunks.TextJson(output, Encoding.UTF8.GetBytes(field), Encoding.UTF8.GetBytes(JsonValue.Create(text).Compact()));

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
        Assert.Equal(3, output.Count);
        Assert.Equal(expected.Compact(), output[1].Data);
        Assert.Equal(expected.Compact(), output[2].Data);
    }

    [Fact]
    public void TextChunks_FollowAnIdAndTimeTheStreamAdoptsLater()
    {
        var chunks = new ChatChunks("client-model", new FakeTimeProvider(TestClock.Start)) { Id = "chatcmpl-t1", Created = 1700000000 };
        var output = new List<SseEvent>();
        chunks.Text(output, "content"u8, "a");

        chunks.Id = "chatcmpl-t2";
        chunks.Created = 1700000001;
        chunks.Text(output, "content"u8, "b");

        var last = JsonNode.Parse(output[^1].Data)!;
        Assert.Equal(("chatcmpl-t2", 1700000001L, "b"), (last["id"]!.GetValue<string>(), last["created"]!.GetValue<long>(), last["choices"]![0]!["delta"]!["content"]!.GetValue<string>()));
        Assert.Equal("chatcmpl-t1", JsonNode.Parse(output[1].Data)!["id"]!.GetValue<string>());
    }
}
