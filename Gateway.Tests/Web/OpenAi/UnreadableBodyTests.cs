using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Web.OpenAi;

/// <summary>A body the server cannot read (badly chunked, cut short) is the client's fault: a 400 in its shape, never an error log.</summary>
public sealed class UnreadableBodyTests
{
    [Fact]
    public async Task BadlyChunkedBody_Is400InvalidBody_WithAUsageRow_AndNeverLoggedAsAnError()
    {
        await using var gateway = await EngineHarness.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, gateway.Address.Port);
        var stream = client.GetStream();
        var request = $"POST {EngineHarness.ChatPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {gateway.Key}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nx-request-id: bad-chunks\r\n\r\nzz\r\n{\"model\"\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        var answer = await ReadAnswerAsync(stream);

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_body\"", answer, StringComparison.Ordinal);
        var usage = await gateway.UsageAsync("bad-chunks");
        Assert.Equal((400, 0), (usage.Status, usage.Attempts));
        Assert.Empty(gateway.App.Logs.Problems);
    }

    // The answer up to the end of its JSON body (the server may keep the connection open).
    private static async Task<string> ReadAnswerAsync(NetworkStream stream)
    {
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().TrimEnd().EndsWith('}'))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return answer.ToString();
    }
}
