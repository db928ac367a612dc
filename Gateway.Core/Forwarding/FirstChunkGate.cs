using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Runs one upstream attempt behind the first-chunk gate (SPEC 3): sends the request, then hands the answer to the piece
/// that owns it — a non-2xx answer to <see cref="UpstreamErrorAnswer"/>, a stream to <see cref="StreamGate"/>, a whole
/// body to <see cref="JsonAnswerRelay"/>. Nothing reaches the client before the attempt commits; every way an attempt
/// can end comes back as an <see cref="AttemptOutcome"/> for the attempt loop to decide on.
/// </summary>
public sealed class FirstChunkGate(
    UpstreamHttp upstreamHttp,
    TimeProvider time,
    IOptionsMonitor<GatewayOptions> options,
    IProtocolConverterFactory? converters = null,
    ILogger<FirstChunkGate>? logger = null)
{
    /// <param name="committed">Told once, at the moment the attempt commits.</param>
    internal async Task<AttemptOutcome> RunAsync(
        HttpContext http,
        GatewayRequest request,
        AccountRuntime runtime,
        ApiProtocol protocol,
        string upstreamModel,
        RequestClock clock,
        Action committed)
    {
        var converter = protocol == request.Inbound
            ? null
            : (converters ?? throw new InvalidOperationException("No protocol converter is registered.")).Create(request.Inbound, protocol, new ConversionContext(request.Model)
            {
                KeyId = request.Key.Id,
                UpstreamPlatform = runtime.Account.Platform,
                Conversation = request.Conversation,
            });
        HttpRequestMessage message;
        try
        {
            message = UpstreamRequestBuilder.Build(request, runtime, protocol, upstreamModel, converter);
        }
        catch (ConversionRejectedException rejected)
        {
            return AttemptOutcome.Rejected(rejected, request.Inbound);
        }

        // A copy: the list a converter returns is its own to change.
        IReadOnlyList<string>? dropped = converter?.DroppedTools is { Count: > 0 } tools ? [.. tools] : null;
        var settings = options.CurrentValue;
        await using var idle = new ActivityTimeout(settings.UpstreamIdleTimeout, time, http.RequestAborted);
        var attempt = new AttemptContext
        {
            Http = http,
            Request = request,
            Runtime = runtime,
            Logger = logger ?? (ILogger)NullLogger.Instance,
            Upstream = protocol,
            Converter = converter,
            ModelName = converter is null ? AnswerModel.For(protocol, request.Model, upstreamModel) : null,

            // A converter gets every upstream event and decides about usage itself.
            DropUsageChunks = converter is null && UpstreamRequestBuilder.AsksForUsage(runtime.Account, protocol, request) && !request.ClientWantsUsage,
            Idle = idle,
            Clock = clock,
            Options = settings,
            Time = time,
            // Only the answer the client gets names what its request lost: a failed attempt's header never shows.
            Committed = dropped is null ? committed : () =>
            {
                DroppedTools.Announce(http.Response, dropped);
                committed();
            },
        };

        using (message)
        {
            var outcome = await ExchangeAsync(attempt, message);

            // A converted Responses answer carries the gateway's own id: the next turn names it for its sticky session.
            if (outcome.Committed && converter?.ClientResponseId is { } responseId)
            {
                outcome = outcome with { ResponseId = responseId };
            }

            return dropped is null ? outcome : outcome with { DroppedTools = dropped };
        }
    }

    private async Task<AttemptOutcome> ExchangeAsync(AttemptContext attempt, HttpRequestMessage message)
    {
        var idle = attempt.Idle;
        HttpResponseMessage response;
        try
        {
            idle.Restart();
            response = await upstreamHttp.Invoker.SendAsync(message, idle.Token);
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            return AttemptOutcome.Broken(idle.UpstreamFailure(ex, beforeHeaders: true), 0, committed: false);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return await UpstreamErrorAnswer.ReadAsync(attempt, response);
            }

            return attempt.Request.Stream && response.Content.Headers.ContentType?.MediaType is "text/event-stream"
                ? await StreamGate.RunAsync(attempt, response, message.Content?.Headers.ContentLength ?? 0)
                : await JsonAnswerRelay.RelayAsync(attempt, response);
        }
    }
}
