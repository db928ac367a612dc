using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Protocols;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
            : (converters ?? throw new InvalidOperationException("No protocol converter is registered.")).Create(request.Inbound, protocol, request.Model);
        var settings = options.CurrentValue;
        using var idle = new ActivityTimeout(settings.UpstreamIdleTimeout, time, http.RequestAborted);
        var attempt = new AttemptContext
        {
            Http = http,
            Request = request,
            Runtime = runtime,
            Logger = logger ?? (ILogger)NullLogger.Instance,
            Upstream = protocol,
            Converter = converter,

            // A converter gets every upstream event and decides about usage itself.
            DropUsageChunks = converter is null && UpstreamRequestBuilder.AsksForUsage(runtime.Account, protocol, request) && !request.ClientWantsUsage,
            Idle = idle,
            Clock = clock,
            Options = settings,
            Time = time,
            Committed = committed,
        };

        using var message = UpstreamRequestBuilder.Build(request, runtime, protocol, upstreamModel, converter);
        HttpResponseMessage response;
        try
        {
            idle.Restart();
            response = await upstreamHttp.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, idle.Token);
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

            return request.Stream && response.Content.Headers.ContentType?.MediaType is "text/event-stream"
                ? await StreamGate.RunAsync(attempt, response)
                : await JsonAnswerRelay.RelayAsync(attempt, response);
        }
    }
}
