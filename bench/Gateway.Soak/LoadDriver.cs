using System.Net.Http.Headers;

namespace Gateway.Soak;

/// <summary>
/// One client request of the soak: its id, protocol, stream flag and the nonce its answer must carry. One in
/// <see cref="LeavingEvery"/> is a client that leaves after <see cref="LeaveAfter"/>, whatever the answer is doing then;
/// its nonce ends in <see cref="LeavingMark"/>, so the upstreams can tell the faults they injected into it.
/// </summary>
internal sealed record SoakRequest(int Index, Protocol Protocol, bool Stream, bool IncludeUsage)
{
    public const char LeavingMark = 'l';
    private const int LeavingEvery = 20;

    public string Id => $"soak-{Index:D6}";

    public string Nonce => $"nonce-{Index:x}{(Leaves ? LeavingMark : 'z')}";

    public bool Leaves => Index % LeavingEvery == LeavingEvery / 2;

    /// <summary>0 to 48 ms after sending: before the upstream answers, inside a held handshake, or in mid-stream.</summary>
    public TimeSpan LeaveAfter => TimeSpan.FromMilliseconds(Index * 7 % 49);

    public string Kind => Protocol.ToString().ToLowerInvariant() + (Stream ? " stream" : "");

    public string Path => Protocol switch
    {
        Protocol.Chat => "/v1/chat/completions",
        Protocol.Responses => "/v1/responses",
        _ => "/v1/messages",
    };

    public string Body()
    {
        var body = new JsonObject { ["model"] = Answers.Model, ["stream"] = Stream };
        var question = $"Say hello to {Nonce}.";
        if (Protocol == Protocol.Responses)
        {
            body["input"] = question;
            return body.ToJsonString();
        }

        body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question });
        if (Protocol == Protocol.Messages)
        {
            body["max_tokens"] = 256;
        }
        else if (IncludeUsage)
        {
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
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

    /// <summary>Requests whose client left before their answer was whole.</summary>
    public ConcurrentBag<string> Left { get; } = [];

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
                // Every mix in turn: chat, responses and messages, stream or not, a chat stream asking for usage every other time.
                var request = new SoakRequest(index, (Protocol)(index % 3), Stream: index / 3 % 2 == 1, IncludeUsage: index / 6 % 2 == 1);
                result.ByKind.AddOrUpdate(request.Kind, 1, (_, n) => n + 1);
                await SendAsync(http, request, result);
            }
        }));
        result.Elapsed = stopwatch.Elapsed;
        return result;
    }

    private static async Task SendAsync(HttpClient http, SoakRequest request, LoadResult result)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Path)
        {
            Content = new StringContent(request.Body(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-request-id", request.Id);
        using var leave = new CancellationTokenSource();
        if (request.Leaves)
        {
            leave.CancelAfter(request.LeaveAfter);
        }

        try
        {
            using var response = await http.SendAsync(message, leave.Token);
            var body = await response.Content.ReadAsStringAsync(leave.Token);
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
                var visible = problem is AnswerCheck.ErrorChunk or AnswerCheck.FailureEvent or AnswerCheck.ErrorEvent;
                (visible ? result.Failures : result.Corrupted).Add((request.Id, $"{request.Kind}: {problem}: {Shorten(body)}"));
            }
        }
        catch (OperationCanceledException) when (leave.IsCancellationRequested)
        {
            result.Left.Add(request.Id);
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
