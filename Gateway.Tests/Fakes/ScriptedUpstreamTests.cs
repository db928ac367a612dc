using System.Net;

namespace Gateway.Tests.Fakes;

public class ScriptedUpstreamTests
{
    [Fact]
    public async Task RepliesAreServedInOrderAndTheLastRepeats()
    {
        await using var upstream = await ScriptedUpstream.StartAsync();
        upstream.On("/v1/chat/completions", UpstreamReply.Error(429, "slow down"), UpstreamReply.ChatCompletion("hi"));
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await http.PostAsync(upstream.BaseUrl + "/v1/chat/completions", new StringContent("{\"n\":" + i + "}"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"], upstream.RequestsTo("/v1/chat/completions").Select(r => r.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(upstream.BaseUrl + "/v1/responses", null)).StatusCode);
    }
}
