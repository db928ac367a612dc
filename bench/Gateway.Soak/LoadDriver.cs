using System.Net.Http.Headers;

namespace Gateway.Soak;

/// <summary>One client request of the soak: its id, protocol, stream flag and the nonce its answer must carry.</summary>
internal sealed record SoakRequest(int Index, bool Responses, bool Stream, bool IncludeUsage)
{
    public string Id => $"soak-{Index:D6}";

    public string Nonce => $"nonce-{Index:x}z";

    public string Kind => (Responses ? "responses" : "chat") + (Stream ? " stream" : "");

    public string Body()
    {
        var body = new JsonObject { ["model"] = Answers.Model, ["stream"] = Stream };
        if (Responses)
        {
            body["input"] = $"Say hello to {Nonce}.";
        }
        else
        {
            body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"Say hello to {Nonce}." });
            if (IncludeUsage)
            {
                body["stream_options"] = new JsonObject { ["include_usage"] = true };
            }
        }

        return body.ToJsonString();
    }
}

/// <summary>What the client saw: requests by kind, and every failure or corrupted answer with its reason.</summary>
internal sealed class LoadResult
{
    public ConcurrentDictionary<string, int> ByKind { get; } = new();

    public ConcurrentBag<(string RequestId, string Problem)> Failures { get; } = [];

    public ConcurrentBag<(string RequestId, string Problem)> Corrupted { get; } = [];

    public int Sent => ByKind.Values.Sum();

    public TimeSpan Elapsed { get; set; }
}

/// <summary>Sends the soak's requests through the gateway at a fixed concurrency and checks every answer.</summary>
internal static class LoadDriver
{
    public static async Task<LoadResult> RunAsync(Uri gateway, string key, int requests, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, UseCookies = false })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var result = new LoadResult();
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                // Every mix in turn: chat and responses, stream or not, a chat stream asking for usage every other time.
                var request = new SoakRequest(index, Responses: index % 2 == 1, Stream: index / 2 % 2 == 1, IncludeUsage: index / 4 % 2 == 1);
                result.ByKind.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
                await SendAsync(http, request, result);
            }
        }));
        result.Elapsed = stopwatch.Elapsed;
        return result;
    }

    private static async Task SendAsync(HttpClient http, SoakRequest request, LoadResult result)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Responses ? "/v1/responses" : "/v1/chat/completions")
        {
            Content = new StringContent(request.Body(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-request-id", request.Id);
        try
        {
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                result.Failures.Add((request.Id, $"{request.Kind}: HTTP {(int)response.StatusCode} {Shorten(body)}"));
            }
            else if (!response.Headers.TryGetValues("x-request-id", out var ids) || ids.FirstOrDefault()?.StartsWith("req_", StringComparison.Ordinal) != true)
            {
                // The gateway answers with its own id (the usage row's request_id); the client's is kept as client_request_id.
                result.Corrupted.Add((request.Id, $"{request.Kind}: the gateway's own x-request-id missing"));
            }
            else if (AnswerCheck.Verify(request, body) is { } problem)
            {
                var visible = problem is AnswerCheck.ErrorChunk or AnswerCheck.FailureEvent;
                (visible ? result.Failures : result.Corrupted).Add((request.Id, $"{request.Kind}: {problem}: {Shorten(body)}"));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            result.Failures.Add((request.Id, $"{request.Kind}: {ex.GetType().Name} {ex.Message}"));
        }
    }

    private static string Shorten(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length > 300 ? flat[..300] + "…" : flat;
    }
}
