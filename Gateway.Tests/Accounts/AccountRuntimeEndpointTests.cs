using System.Collections.Immutable;

namespace Gateway.Tests.Accounts;

/// <summary>An account's endpoints are built once per base URL and follow the stored row when its base URL changes.</summary>
public class AccountRuntimeEndpointTests
{
    [Theory]
    [InlineData("https://a.test", ApiProtocol.Chat, "https://a.test/v1/chat/completions")]
    [InlineData("https://a.test/v1/", ApiProtocol.Responses, "https://a.test/v1/responses")]
    [InlineData("https://a.test/api", ApiProtocol.Messages, "https://a.test/api/v1/messages")]
    public void EndpointFor_IsTheProtocolsPathUnderTheBaseUrl(string baseUrl, ApiProtocol protocol, string expected)
    {
        var runtime = Runtime(baseUrl);

        Assert.Equal(new Uri(expected), runtime.EndpointFor(protocol));
        Assert.Same(runtime.EndpointFor(protocol), runtime.EndpointFor(protocol));
    }

    [Fact]
    public void EndpointFor_FollowsANewBaseUrl_AndKeepsItsUrisWhileTheBaseUrlStaysTheSame()
    {
        var runtime = Runtime("https://a.test");
        var first = runtime.EndpointFor(ApiProtocol.Chat);

        runtime.Update(Row("https://a.test"), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty);
        Assert.Same(first, runtime.EndpointFor(ApiProtocol.Chat));

        runtime.Update(Row("https://b.test/v1"), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty);
        Assert.Equal(new Uri("https://b.test/v1/chat/completions"), runtime.EndpointFor(ApiProtocol.Chat));
    }

    [Fact]
    public void EndpointFor_AMalformedBaseUrl_FailsOnlyWhenUsed()
    {
        var runtime = Runtime("not a url");

        Assert.Throws<UriFormatException>(() => runtime.EndpointFor(ApiProtocol.Chat));
    }

    private static AccountRuntime Runtime(string baseUrl) => new(Row(baseUrl), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty);

    private static Account Row(string baseUrl) => new() { Id = 1, Name = "a", BaseUrl = baseUrl };
}
