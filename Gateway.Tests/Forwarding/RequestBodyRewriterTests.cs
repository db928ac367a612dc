namespace Gateway.Tests.Forwarding;

public class RequestBodyRewriterTests
{
    [Theory]
    [InlineData("""{"model":"a","messages":[{"role":"user","content":"你好"}],"x":{"y":[1,2]}}""", false, """{"model":"b","messages":[{"role":"user","content":"你好"}],"x":{"y":[1,2]}}""")]
    [InlineData("""{"model":"a","stream":true}""", true, """{"model":"b","stream":true,"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"stream_options":{"include_usage":false,"other":1},"model":"a"}""", true, """{"stream_options":{"other":1,"include_usage":true},"model":"b"}""")]
    [InlineData("""{"stream_options":{"include_usage":false},"model":"a"}""", false, """{"stream_options":{"include_usage":false},"model":"b"}""")]
    public void ReplacesTheModelForcesUsageWhenAskedAndCopiesEverythingElse(string body, bool includeUsage, string expected)
    {
        var rewritten = RequestBodyRewriter.Rewrite(Encoding.UTF8.GetBytes(body), "b", includeUsage);

        Assert.Equal(expected, Encoding.UTF8.GetString(rewritten));
    }

    [Fact]
    public void EachRewrite_HoldsOnlyItsOwnBody_AfterALargerOneOnTheSameThread()
    {
        var large = $$$"""{"model":"a","messages":[{"role":"user","content":"{{{new string('x', 100_000)}}}"}]}""";
        var medium = """{"model":"a","messages":[{"role":"user","content":"a longer question than the next"}]}""";

        var rewritten = new[] { large, medium, """{"model":"a"}""", medium }
            .Select(body => Encoding.UTF8.GetString(RequestBodyRewriter.Rewrite(Encoding.UTF8.GetBytes(body), "b", includeUsage: false)))
            .ToList();

        Assert.Equal(large.Replace("\"a\"", "\"b\"", StringComparison.Ordinal), rewritten[0]);
        Assert.Equal([medium.Replace("\"a\"", "\"b\"", StringComparison.Ordinal), """{"model":"b"}"""], rewritten[1..3]);
        Assert.Equal(rewritten[1], rewritten[3]);
    }
}
