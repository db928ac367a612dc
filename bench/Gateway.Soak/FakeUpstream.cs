using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Gateway.Soak;

/// <summary>
/// A fake provider on loopback serving <c>/v1/chat/completions</c>, <c>/v1/responses</c> and Anthropic's <c>/v1/messages</c>,
/// stream and not, each in its own protocol's shapes: it fails
/// <see cref="FaultShare"/> of the requests, each in a way drawn from every <see cref="FaultKind"/> that applies, and answers
/// the rest correctly. It counts what it injected; requests without a nonce (the gateway's capability probe) are
/// answered and not counted.
/// </summary>
internal sealed partial class FakeUpstream : LoopbackProvider
{
    private static readonly int[] ServerErrors = [500, 502, 503];
    private readonly ConcurrentDictionary<FaultKind, int> _injected = new();
    private int _injectedIntoLeaving;
    private readonly Random _random;
    private readonly TimeSpan _slowHeaders;
    private int _answered;
    private int _failureTurn;

    private FakeUpstream(string name, double faultShare, TimeSpan slowHeaders, int seed)
    {
        Name = name;
        FaultShare = faultShare;
        _slowHeaders = slowHeaders;
        _random = new Random(seed);
    }

    public string Name { get; }

    public double FaultShare { get; }

    public IReadOnlyDictionary<FaultKind, int> Injected => _injected;

    /// <summary>Of <see cref="Injected"/>, those injected into a request whose client leaves: the gateway may not see them out.</summary>
    public int InjectedIntoLeaving => Volatile.Read(ref _injectedIntoLeaving);

    public int Answered => Volatile.Read(ref _answered);

    public static async Task<FakeUpstream> StartAsync(string name, double faultShare, TimeSpan slowHeaders, int seed)
    {
        var upstream = new FakeUpstream(name, faultShare, slowHeaders, seed);
        await upstream.StartAsync();
        return upstream;
    }

    protected override async Task AnswerAsync(HttpContext context, Protocol protocol)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        using var request = JsonDocument.Parse(body);
        var stream = request.RootElement.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = request.RootElement.TryGetProperty("stream_options", out var o) && o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;
        var nonce = Nonce().Match(body) is { Success: true } match ? match.Value : null;
        var reply = new Reply(context, protocol, stream, includeUsage, nonce ?? "probe");
        try
        {
            // Sent the client's name, the request was not mapped: the client hears of it as a refusal.
            if (nonce is not null && !(request.RootElement.TryGetProperty("model", out var model) && model.ValueEquals(Answers.UpstreamModel)))
            {
                await reply.ErrorAsync(400, "soak: the gateway did not send the mapped model", "invalid_request_error", null, "invalid_request_error");
                return;
            }

            if (nonce is not null && NextFault(stream) is { } fault)
            {
                _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
                if (nonce[^1] == SoakRequest.LeavingMark)
                {
                    Interlocked.Increment(ref _injectedIntoLeaving);
                }

                await FailAsync(reply, fault);
                return;
            }

            await reply.AnswerAsync();
            Interlocked.Increment(ref _answered);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The gateway went away (it timed the attempt out, or its client left).
        }
    }

    private FaultKind? NextFault(bool stream)
    {
        lock (_random)
        {
            if (_random.NextDouble() >= FaultShare)
            {
                return null;
            }

            var kinds = FaultKinds.All.Where(k => k.AppliesTo(stream)).ToArray();
            return kinds[_random.Next(kinds.Length)];
        }
    }

    private async Task FailAsync(Reply reply, FaultKind fault)
    {
        var context = reply.Context;
        switch (fault)
        {
            case FaultKind.RateLimited:
                context.Response.Headers.RetryAfter = "1";
                await reply.ErrorAsync(429, "doomed: rate limit reached", "rate_limit_error", "rate_limit_exceeded", "rate_limit_error");
                break;
            case FaultKind.Overloaded:
                await reply.ErrorAsync(529, "doomed: overloaded", "overloaded_error", null, "overloaded_error");
                break;
            case FaultKind.ServerError:
                await reply.ErrorAsync(ServerErrors[Interlocked.Increment(ref _failureTurn) % ServerErrors.Length], "doomed: upstream error", "server_error", null, "api_error");
                break;
            case FaultKind.Forbidden:
                await reply.ErrorAsync(403, "doomed: forbidden", "permission_error", null, "permission_error");
                break;
            case FaultKind.ForbiddenHtml:
                context.Response.StatusCode = 403;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>doomed: access denied by the CDN</body></html>", context.RequestAborted);
                break;
            case FaultKind.ConnectionReset:
                context.Abort();
                break;
            case FaultKind.SlowHeaders:
                await Task.Delay(_slowHeaders, context.RequestAborted);
                await reply.AnswerAsync();
                break;
            case FaultKind.ModelNotSupported when reply.Protocol == Protocol.Messages:
                await reply.JsonAsync(404, Answers.AnthropicError("not_found_error", $"model: {Answers.UpstreamModel}"));
                break;
            case FaultKind.ModelNotSupported:
                await reply.JsonAsync(400, Answers.Error($"The model `{Answers.UpstreamModel}` does not exist (doomed)", "invalid_request_error", "model_not_found"));
                break;
            case FaultKind.HandshakeThenFailure:
                await reply.HandshakeThenFailureAsync(Interlocked.Increment(ref _failureTurn));
                break;
            case FaultKind.HandshakeThenEof:
                await reply.HandshakeAsync();
                break;
            case FaultKind.FailureBody:
                await reply.JsonAsync(200, reply.Protocol switch
                {
                    Protocol.Responses => Answers.DoomedResponsesBody(),
                    Protocol.Messages => Answers.AnthropicError("overloaded_error", "doomed: overloaded"),
                    _ => Answers.Error("doomed: overloaded", "overloaded_error", null),
                });
                break;
        }
    }

    [GeneratedRegex("nonce-[0-9a-z]+")]
    private static partial Regex Nonce();

    /// <summary>One request's way back: the healthy answer, an error body, or the start of a stream that fails.</summary>
    private sealed record Reply(HttpContext Context, Protocol Protocol, bool Stream, bool IncludeUsage, string Nonce)
    {
        // Failure events by turns: overload, rate limit with a reset hint, quota, and a plain server error.
        private static readonly (string Code, string Type, string Message)[] FailureEvents =
        [
            ("server_is_overloaded", "server_error", "doomed: the model is at capacity"),
            ("rate_limit_exceeded", "requests", "doomed: Rate limit reached. Please try again in 1s."),
            ("insufficient_quota", "insufficient_quota", "doomed: You exceeded your current quota"),
            ("server_error", "server_error", "doomed: An error occurred while processing your request."),
        ];

        // Anthropic's error types for the same failures, by turns: an overload, a rate limit, a server error.
        private static readonly string[] AnthropicFailureEvents = ["overloaded_error", "rate_limit_error", "api_error"];

        public Task AnswerAsync() => (Protocol, Stream) switch
        {
            (Protocol.Chat, false) => JsonAsync(200, Answers.ChatCompletion(Nonce)),
            (Protocol.Chat, true) => EventsAsync(Answers.ChatStream(Nonce, IncludeUsage).Select(d => ((string?)null, d))),
            (Protocol.Responses, false) => JsonAsync(200, Answers.ResponsesAnswer(Nonce)),
            (Protocol.Responses, true) => EventsAsync(Answers.ResponsesStream(Nonce)),
            (_, false) => JsonAsync(200, Answers.MessagesAnswer(Nonce)),
            (_, true) => EventsAsync(Answers.MessagesStream(Nonce)),
        };

        /// <summary>An error body in the protocol's shape: OpenAI's type and code, or Anthropic's type.</summary>
        public Task ErrorAsync(int status, string message, string type, string? code, string anthropicType) =>
            JsonAsync(status, Protocol == Protocol.Messages ? Answers.AnthropicError(anthropicType, message) : Answers.Error(message, type, code));

        public Task JsonAsync(int status, string json) => WriteJsonAsync(Context, status, json);

        public Task HandshakeAsync() => EventsAsync(Protocol switch
        {
            Protocol.Chat => [(null, Answers.DoomedChatRole())],
            Protocol.Responses => Answers.DoomedResponsesHandshake(),
            _ => Answers.DoomedMessagesHandshake(),
        });

        public async Task HandshakeThenFailureAsync(int turn)
        {
            var (code, type, message) = FailureEvents[turn % FailureEvents.Length];
            if (Protocol == Protocol.Messages)
            {
                await EventsAsync([.. Answers.DoomedMessagesHandshake(), Answers.DoomedMessagesError(AnthropicFailureEvents[turn % AnthropicFailureEvents.Length], message)]);
                return;
            }

            if (Protocol == Protocol.Chat)
            {
                await EventsAsync([(null, Answers.DoomedChatRole()), (null, Answers.Error(message, type, code))]);
                return;
            }

            (string?, string) failure = turn / FailureEvents.Length % 2 == 0 ? ("response.failed", Answers.DoomedResponsesFailed(4, code, message)) : ("error", Answers.DoomedResponsesError(4, code, message));
            await EventsAsync([.. Answers.DoomedResponsesHandshake(), failure]);
        }

        private Task EventsAsync(IEnumerable<(string? Type, string Data)> events) => WriteEventsAsync(Context, events);
    }
}
