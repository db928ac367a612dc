using Gateway.Core.TokenCounting;

namespace Gateway.Tests.TokenCounting;

/// <summary>SPEC 4.4: local token counts with the model family's real tokenizer.</summary>
public sealed class TiktokenTokenCounterTests
{
    private const string Text = "Grüße aus Zürich! 你好，世界。function_call(arguments={\"x\": 1})";

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini-2024-07-18", "o200k_base")]
    [InlineData("gpt-4.1", "o200k_base")]
    [InlineData("gpt-5-codex", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("openai/gpt-4.1-mini", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("deepseek-chat", "o200k_base")]
    [InlineData(null, "o200k_base")]
    public void Encoding_FollowsTheModelFamily(string? model, string encoding) => Assert.Equal(encoding, TokenEncodings.For(model));

    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    public void Count_IsTheTokenizersCount_PlusOpenAisMessageFraming(string model, string encoding)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        var input = new TokenCountInput();
        input.Messages.Add(new TokenCountMessage("system", "Be brief."));
        input.Messages.Add(new TokenCountMessage("user", Text, LowDetailImages: 1, OtherImages: 1));
        input.Tools.Add("""{"type":"function","name":"f"}""");

        var count = new TiktokenTokenCounter().Count(model, input);

        var expected = 3
            + 3 + tokenizer.CountTokens("system") + tokenizer.CountTokens("Be brief.")
            + 3 + tokenizer.CountTokens("user") + tokenizer.CountTokens(Text) + 85 + 765
            + tokenizer.CountTokens("""{"type":"function","name":"f"}""");
        Assert.Equal(expected, count);
    }

    [Fact]
    public void TheTwoEncodings_CountDifferently()
    {
        var input = new TokenCountInput();
        input.Messages.Add(new TokenCountMessage("user", Text));
        var counter = new TiktokenTokenCounter();

        Assert.NotEqual(counter.Count("gpt-4", input), counter.Count("gpt-4o", input));
    }
}
