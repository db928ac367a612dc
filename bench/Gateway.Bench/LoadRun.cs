using System.Net.Http.Headers;

namespace Gateway.Bench;

/// <summary>One timed load against one base URL: N workers in a loop until the deadline.</summary>
internal static class LoadRun
{
    public const string NonStreamBody = """{"model":"bench-model","messages":[{"role":"user","content":"Say hello."}]}""";
    public const string StreamBody = """{"model":"bench-model","stream":true,"messages":[{"role":"user","content":"Say hello."}]}""";
    public const string PacedStreamBody = $$"""{"model":"{{FakeUpstream.PacedModel}}","stream":true,"messages":[{"role":"user","content":"Say hello."}]}""";
    public const string ResponsesStreamBody = """{"model":"bench-model","stream":true,"input":"Say hello."}""";

    public static async Task<LoadResult> RunAsync(HttpClient http, Uri endpoint, string? key, string body, int workers, TimeSpan duration)
    {
        var latencies = new List<double>[workers];
        var firstBytes = new List<double>[workers];
        var errors = 0;
        var reads = 0L;
        var stopwatch = Stopwatch.StartNew();
        var deadline = stopwatch.Elapsed + duration;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            latencies[w] = [];
            firstBytes[w] = [];
            var buffer = new byte[16 * 1024];
            while (stopwatch.Elapsed < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                if (key is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }

                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                double? firstByte = null;
                var streamReads = 0;
                while (await stream.ReadAsync(buffer) > 0)
                {
                    firstByte ??= Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    streamReads++;
                }

                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                latencies[w].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                firstBytes[w].Add(firstByte ?? 0);
                Interlocked.Add(ref reads, streamReads);
            }
        }));
        var elapsed = stopwatch.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var ttfb = firstBytes.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, errors, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), Percentile(ttfb, 0.50), Percentile(ttfb, 0.99))
        {
            ReadsPerAnswer = all.Length == 0 ? double.NaN : (double)reads / all.Length,
        };
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(int Requests, int Errors, double PerSecond, double P50Ms, double P99Ms, double FirstByteP50Ms, double FirstByteP99Ms)
{
    /// <summary>
    /// The reads that returned bytes, per successful answer: a paced stream's events come apart, so a proxy that passes
    /// each on at once gives as many reads as the upstream's events, and one that holds them back fewer. NaN where not counted.
    /// </summary>
    public double ReadsPerAnswer { get; init; } = double.NaN;
}
