namespace Gateway.Tests.Security;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-proj-AbCdEf123456.", "Incorrect API key provided: [redacted].")]
    [InlineData("header was Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl", "header was Authorization: Bearer [redacted]")]
    [InlineData("bad x-api-key: 0123abcd0123abcd", "bad x-api-key: [redacted]")]
    [InlineData("{\"api_key\":\"my-own-key-value\"}", "{\"api_key\":\"[redacted]\"}")]
    [InlineData("token 0123456789abcdef0123456789abcdef given", "token [redacted] given")]
    [InlineData("token AbCdEfGhIjKlMnOpQrStUv0123456789+/== given", "token [redacted] given")]
    [InlineData("key sk-ant-api03-xyzXYZ012 refused", "key [redacted] refused")]
    public void CredentialShapedStrings_AreRedacted(string text, string expected) =>
        Assert.Equal(expected, SecretScrubber.Scrub(text, null));

    [Theory]
    [InlineData("The model gpt-4o-mini-2024-07-18 does not exist.")]
    [InlineData("This model's maximum context length is 8192 tokens (context_length_exceeded).")]
    [InlineData("model accounts/fireworks/models/llama-v3p1-405b-instruct is not available for your plan")]
    [InlineData("Rate limit reached for requests; try again in 20s.")]
    public void OrdinaryErrorText_IsLeftAlone(string text) => Assert.Equal(text, SecretScrubber.Scrub(text, null));

    [Fact]
    public void TheAccountsOwnSecrets_AreRedactedWhateverTheirShape()
    {
        var secret = new AccountSecret { AccessToken = "access token words", RefreshToken = "refresh.token.words" };

        Assert.Equal("got [redacted] and [redacted]", SecretScrubber.Scrub("got access token words and refresh.token.words", secret));
    }
}
