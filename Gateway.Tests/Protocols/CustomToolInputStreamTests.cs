namespace Gateway.Tests.Protocols;

/// <summary>
/// A custom tool's input streamed by an anthropic account (or, wrapped as a function, by a Chat upstream) as pieces of <c>{"input": "…"}</c>: the text comes out piece by
/// piece, whole whatever the cuts, escapes and surrogate pairs never split.
/// </summary>
public sealed class CustomToolInputStreamTests
{
    [Theory]
    [InlineData("""{"input":"*** Begin Patch\n+hi\n*** End Patch\n"}""", "*** Begin Patch\n+hi\n*** End Patch\n")]
    [InlineData(""" { "input" : "quote \" backslash \\ tab \t slash \/ cr \r" } """, "quote \" backslash \\ tab \t slash / cr \r")]
    [InlineData("""{"input":"caf\u00e9 \ud83d\ude00 日本 😀"}""", "café 😀 日本 😀")]
    [InlineData("""{"input":""}""", "")]
    [InlineData("""{"input":"lone \udc00 and \ud800x"}""", "lone \uFFFD and \uFFFDx")]
    public void EveryCut_GivesTheWholeText_AndNoPieceEndsInsideACharacter(string json, string expected)
    {
        for (var cut = 0; cut <= json.Length; cut++)
        {
            var stream = new CustomToolInputStream();
            string[] pieces = [stream.Append(json[..cut]), stream.Append(json[cut..]), stream.Finish()];

            Assert.Equal(expected, string.Concat(pieces));
            Assert.All(pieces, piece => Assert.False(piece.Length > 0 && char.IsHighSurrogate(piece[^1]), $"cut at {cut}"));
        }
    }

    [Fact]
    public void CharacterByCharacter_TheTextGrowsAsItArrives()
    {
        var stream = new CustomToolInputStream();

        var pieces = """{"input":"a\nb"}""".Select(c => stream.Append(c.ToString())).ToList();

        Assert.Equal(["", "", "", "", "", "", "", "", "", "", "a", "", "\n", "b", "", ""], pieces);
        Assert.Equal("", stream.Finish());
    }

    [Theory]
    [InlineData("""{"note":"x","input":"the text"}""", "the text")]
    [InlineData("""{"input":42}""", """{"input":42}""")]
    [InlineData("""{"patch":"x"}""", """{"patch":"x"}""")]
    [InlineData("not json", "not json")]
    public void AnInputOfAnotherShape_ComesWholeWhenTheBlockEnds(string json, string expected)
    {
        var stream = new CustomToolInputStream();

        var appended = stream.Append(json);

        Assert.Equal(("", expected), (appended, stream.Finish()));
    }
}
