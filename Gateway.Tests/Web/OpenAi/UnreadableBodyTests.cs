namespace Gateway.Tests.Web.OpenAi;

/// <summary>A body the server cannot read (badly chunked, cut short) is the client's fault: a 400 in its shape, never an error log.</summary>
public sealed class UnreadableBodyTests
{
    [Fact]
    public async Task BadlyChunkedBody_Is400InvalidBody_WithAUsageRow_AndNeverLoggedAsAnError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, answer) = await gateway.RawChatPostAsync("Transfer-Encoding: chunked\r\nx-request-id: bad-chunks\r\n", "zz\r\n{\"model\"\r\n")
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_body\"", answer, StringComparison.Ordinal);
        var usage = await gateway.UsageAsync("bad-chunks");
        Assert.Equal((400, 0), (usage.Status, usage.Attempts));
        Assert.Empty(gateway.App.Logs.Problems);
    }
}
