using System.IO.Compression;
using System.Net;

namespace Gateway.Tests.Security;

/// <summary>
/// Issue 12, "unbounded reads": a compressed answer that inflates to hundreds of megabytes, or one endless SSE line, is
/// cut off at its cap, fails over to a healthy account, is logged once, and never makes the gateway allocate more than a
/// small multiple of the cap. Memory is measured as the process's allocations, not by timing.
/// </summary>
[Collection(MemoryMeasured.Name)]
public sealed class UpstreamReadLimitTests
{
    private const int InflatedBytes = 256 * 1024 * 1024;
    private const int Cap = 4 * 1024 * 1024;
    private const long AllocationBound = 96L * 1024 * 1024;

    private static readonly (string, string)[] Caps =
    [
        ("Gateway:UpstreamBodyMaxBytes", Cap.ToString()),
        ("Gateway:UpstreamSseMaxLineBytes", Cap.ToString()),
        ("Gateway:UpstreamSseMaxEventBytes", (2 * Cap).ToString()),
    ];

    [Fact]
    public async Task GzipBombAnswer_FailsOverWithinItsCapAndIsLoggedOnce()
    {
        await using var gateway = await EngineHarness.StartAsync(Caps);
        var (_, bomb) = await gateway.AddAccountAsync("bomb", i => i with { Priority = 1 });
        var (_, healthy) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });

        // Whitespace then an object: a valid JSON answer, were it read whole.
        bomb.On(EngineHarness.ChatPath, Gzipped("", (byte)' ', UpstreamReply.ChatCompletionBody("boom"), "application/json"));
        healthy.On(EngineHarness.ChatPath, UpstreamReply.ChatCompletion("healthy answer"));

        var (response, allocated) = await MeasureAsync(() => gateway.PostChatAsync(requestId: "bomb-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy answer", await response.Content.ReadAsStringAsync());
        Assert.True(allocated < AllocationBound, $"the gateway allocated {allocated / (1024 * 1024)} MiB");
        Assert.Contains("broken_answer", (await gateway.UsageAsync("bomb-1")).Trace[0].FailureClass);
        Assert.Single(gateway.App.Logs.Entries, e => e.Contains("passed the read limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GiantSingleSseLine_FailsOverWithinItsCapAndIsLoggedOnce()
    {
        await using var gateway = await EngineHarness.StartAsync(Caps);
        var (_, endless) = await gateway.AddAccountAsync("endless", i => i with { Priority = 1 });
        var (_, healthy) = await gateway.AddAccountAsync("healthy", i => i with { Priority = 2 });
        endless.On(EngineHarness.ChatPath, Gzipped("data: {\"x\":\"", (byte)'A', "", "text/event-stream"));
        healthy.On(EngineHarness.ChatPath, UpstreamReply.ChatStream(["healthy ", "stream"]));

        var (response, allocated) = await MeasureAsync(() => gateway.PostChatAsync(EngineHarness.ChatBody(stream: true), requestId: "sse-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("stream", await response.Content.ReadAsStringAsync());
        Assert.True(allocated < AllocationBound, $"the gateway allocated {allocated / (1024 * 1024)} MiB");
        Assert.Contains("broken_answer", (await gateway.UsageAsync("sse-1")).Trace[0].FailureClass);
        Assert.Single(gateway.App.Logs.Entries, e => e.Contains("SSE line", StringComparison.Ordinal) && e.Contains("passed the read limit", StringComparison.Ordinal));
    }

    /// <summary><paramref name="prefix"/>, <see cref="InflatedBytes"/> of <paramref name="filler"/>, <paramref name="suffix"/>: gzipped.</summary>
    private static UpstreamReply Gzipped(string prefix, byte filler, string suffix, string contentType)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.ASCII.GetBytes(prefix));
            var block = Enumerable.Repeat(filler, 1024 * 1024).ToArray();
            for (var i = 0; i < InflatedBytes / block.Length; i++)
            {
                gzip.Write(block);
            }

            gzip.Write(Encoding.ASCII.GetBytes(suffix));
        }

        return new UpstreamReply { RawBody = compressed.ToArray(), ContentType = contentType, Headers = new Dictionary<string, string> { ["Content-Encoding"] = "gzip" } };
    }

    // Everything the process allocates while the request is served: the test's own work is done before and after.
    private static async Task<(HttpResponseMessage Response, long Allocated)> MeasureAsync(Func<Task<HttpResponseMessage>> send)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await send();
        await response.Content.LoadIntoBufferAsync();
        return (response, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
