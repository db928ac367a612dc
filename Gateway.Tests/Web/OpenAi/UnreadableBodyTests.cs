namespace Gateway.Tests.Web.OpenAi;

/// <summary>
/// A body the server cannot read (badly chunked) is the client's fault: a 400 in its shape, never an error log. A client
/// that goes away while sending its body is no bad request: its usage row says it left (499), and nothing is logged as a
/// fault.
/// </summary>
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientLeavingWhileSendingItsBody_Is499_WithAUsageRow_AndNeverLoggedAsAFault(bool reset)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountAsync("a");
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(gateway.Address.Host, gateway.Address.Port);
            var head = $"POST {EngineHarness.ChatPath} HTTP/1.1\r\nHost: {gateway.Address.Authority}\r\nAuthorization: Bearer {gateway.Key}\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\nx-request-id: left-sending\r\n\r\n{\"model\":\"gpt-4o\",";
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            await Eventually.TrueAsync(() => Task.FromResult(gateway.Service<RequestCapacity>().InFlightRequests == 1), "the gateway reading the body");
            if (reset)
            {
                tcp.Client.LingerState = new LingerOption(true, 0);
            }
        }

        var usage = await gateway.UsageAsync("left-sending");
        Assert.Equal((499, "client closed the request", 0), (usage.Status, usage.Error, usage.Attempts));
        Assert.Empty(upstream.Received);
        Assert.Empty(gateway.App.Logs.Problems);
    }
}
