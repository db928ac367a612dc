using System.Net;
using Gateway.Tests.Forwarding;
using static Gateway.Tests.Fakes.DoomedAnswers;

namespace Gateway.Tests.Security;

/// <summary>
/// What an upstream writes about a failure reaches the client only scrubbed of credentials, wherever it is written: in an
/// event after the stream's content and in the code of an error answer, not only in the messages before commit.
/// </summary>
public sealed class UpstreamErrorScrubbingTests
{
    private const string AccountKey = "sk-upstream-doomed";

    [Fact]
    public async Task AChatFailureReportedAfterContent_ReachesTheClientScrubbed()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, Stream([ChatRole(), ChatText("partial"), ChatError($"Invalid key {AccountKey} \"quoted\"", "server_error", AccountKey)]));

        var body = await (await pair.PostChatStreamAsync("scrub-after-content-chat")).Content.ReadAsStringAsync();

        GatePair.AssertChatStreamCutByError(body, "partial", $"Invalid key {SecretScrubber.Redacted} \"quoted\"");
        Assert.DoesNotContain(AccountKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResponsesFailureReportedAfterContent_ReachesTheClientScrubbed()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ResponsesPath, Stream(ResponsesHandshake(), [ResponsesDelta(4, "partial"), ResponsesFailed(5, "server_error", $"Bad credentials: {AccountKey}")]));

        var body = await (await pair.PostResponsesStreamAsync("scrub-after-content-responses")).Content.ReadAsStringAsync();

        Assert.Equal("response.failed", SseText.EventTypes(body).Last());
        Assert.Equal($"Bad credentials: {SecretScrubber.Redacted}", SseText.Payloads(body)[^1]["response"]!["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain(AccountKey, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpstreamCodeQuotingTheKey_IsNotPassedOnAsTheClientsCode()
    {
        await using var pair = await GatePair.StartAsync();
        pair.DoomedUpstream.On(EngineHarness.ChatPath, UpstreamReply.Error(400, "The request is malformed.", code: AccountKey));

        var response = await pair.Gateway.PostChatAsync(EngineHarness.ChatBody(stream: false), "scrub-code");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upstream_request_error", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(AccountKey, body, StringComparison.Ordinal);
    }
}
