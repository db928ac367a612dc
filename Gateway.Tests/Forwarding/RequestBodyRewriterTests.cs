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
}
