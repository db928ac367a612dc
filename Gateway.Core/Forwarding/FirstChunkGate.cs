using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Options;
using Gateway.Core.Policies;
using Gateway.Core.Protocols;
using Gateway.Core.Protocols.Sse;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Core.Forwarding;

/// <summary>
/// Runs one upstream attempt behind the first-chunk gate (SPEC 3): nothing reaches the client until the upstream
/// answered 2xx and either its first SSE event parsed as a non-error or its whole non-stream body arrived. Then it
/// commits and relays event by event, flushing each, with an idle timeout reset on every read; a break after
/// commit ends the stream with an error event in the client's protocol. Failures before commit are returned as
/// values for the attempt loop to decide on.
/// </summary>
public sealed class FirstChunkGate(
    UpstreamHttp upstreamHttp,
    TimeProvider time,
    IOptionsMonitor<GatewayOptions> options,
    IProtocolConverterFactory? converters = null)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    internal async Task<AttemptOutcome> RunAsync(HttpContext http, GatewayRequest request, AccountRuntime runtime, ApiProtocol protocol, string upstreamModel, RequestClock clock)
    {
        var ct = http.RequestAborted;
        var account = runtime.Account;
        var converter = protocol == request.Inbound
            ? null
            : (converters ?? throw new InvalidOperationException("No protocol converter is registered.")).Create(request.Inbound, protocol, request.Model);
        var injectsUsage = !account.Passthrough && protocol == ApiProtocol.Chat && request.Stream;

        using var message = new HttpRequestMessage(HttpMethod.Post, UpstreamHttp.EndpointFor(account.BaseUrl, protocol))
        {
            Content = new ReadOnlyMemoryContent(BuildBody(request, account, upstreamModel, converter, injectsUsage)),
        };
        message.Content.Headers.ContentType = JsonContentType;
        if (runtime.Secret.BearerToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.Stream)
        {
            message.Headers.Accept.Add(EventStream);
        }

        if (request.UserAgent is { } userAgent)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        var idleTimeout = options.CurrentValue.UpstreamIdleTimeout;
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        await using var link = ct.Register(static state => ((CancellationTokenSource)state!).Cancel(), idle);

        HttpResponseMessage response;
        try
        {
            idle.CancelAfter(idleTimeout);
            response = await upstreamHttp.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, idle.Token);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or IOException)
        {
            return AttemptOutcome.Aborted(committed: false);
        }
        catch (OperationCanceledException)
        {
            return AttemptOutcome.Failed(FailureClass.Timeout, 0, "upstream did not answer within the idle timeout");
        }
        catch (HttpRequestException ex)
        {
            return AttemptOutcome.Failed(FailureClass.NetworkError, 0, $"upstream unreachable: {ex.HttpRequestError}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            try
            {
                if (status is < 200 or >= 300)
                {
                    return await ReadFailureAsync(response, status, contentType, idle, idleTimeout);
                }

                if (request.Stream && contentType is "text/event-stream")
                {
                    // A converter gets every upstream event and decides about usage itself.
                    var dropUsageChunks = converter is null && injectsUsage && !request.ClientWantsUsage;
                    return await RelayStreamAsync(http, request, protocol, response, converter, dropUsageChunks, idle, idleTimeout, clock);
                }

                return await DeliverBodyAsync(http, response, converter, idle, idleTimeout, clock);
            }
            catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or IOException)
            {
                return AttemptOutcome.Aborted(http.Response.HasStarted);
            }
            catch (OperationCanceledException)
            {
                return AttemptOutcome.Failed(FailureClass.Timeout, status, "upstream went silent before its answer was complete");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return AttemptOutcome.Failed(FailureClass.NetworkError, status, "upstream connection broke before its answer was complete");
            }
        }
    }

    private static ReadOnlyMemory<byte> BuildBody(GatewayRequest request, Account account, string upstreamModel, IProtocolConverter? converter, bool injectsUsage)
    {
        // 4.2: a passthrough account gets the client's bytes, unless the model has to be rewritten.
        if (converter is null && account.Passthrough && upstreamModel == request.Model)
        {
            return request.RawBody;
        }

        // Conversion and the Codex effort of oauth accounts need a mutable tree; everything else is one streaming pass.
        if (converter is null && account.Type != AccountType.OAuth)
        {
            return RequestBodyRewriter.Rewrite(request.RawBody, upstreamModel, injectsUsage);
        }

        var body = request.CreateBodyObject();
        body["model"] = upstreamModel;
        if (account.Type == AccountType.OAuth)
        {
            CodexModelNormalizer.ApplyImpliedEffort(body, request.Inbound, ModelMapper.Map(account.ModelMapping, request.Model));
        }

        if (converter is not null)
        {
            body = converter.ConvertRequest(body);
        }

        if (injectsUsage)
        {
            // Usage is only reported in a chat stream when asked for; the gateway needs it for the usage log.
            var streamOptions = body["stream_options"] as JsonObject ?? new JsonObject();
            streamOptions["include_usage"] = true;
            body["stream_options"] = streamOptions;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private async Task<AttemptOutcome> ReadFailureAsync(HttpResponseMessage response, int status, string? contentType, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        var bytes = await ReadCappedAsync(response, options.CurrentValue.UpstreamErrorBodyMaxBytes, idle, idleTimeout);
        var text = Encoding.UTF8.GetString(bytes);
        var failure = FailureClassifier.Classify(status, text, contentType);
        return new AttemptOutcome
        {
            Failure = failure,
            Status = status,
            ErrorSummary = Summarise(status, text),
            RetryAfter = RetryAfter.Parse(Header(response, "Retry-After"), Header(response, "retry-after-ms"), time.GetUtcNow()),
            ErrorBody = bytes,
            ErrorContentType = response.Content.Headers.ContentType?.ToString(),
        };
    }

    private async Task<AttemptOutcome> DeliverBodyAsync(HttpContext http, HttpResponseMessage response, IProtocolConverter? converter, CancellationTokenSource idle, TimeSpan idleTimeout, RequestClock clock)
    {
        var status = (int)response.StatusCode;
        var bytes = await ReadCappedAsync(response, int.MaxValue, idle, idleTimeout);
        TokenUsage? usage;
        string? responseId;
        try
        {
            // A read-only document is enough to check the answer and read its usage; only conversion needs a mutable tree.
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AttemptOutcome.Failed(FailureClass.BrokenAnswer, status, $"{status} upstream answer is not a JSON object");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var message = Text(error, "message") ?? "upstream error";
                return AttemptOutcome.Failed(FailureClassifier.ClassifyErrorEvent(Text(error, "code"), message), status, $"{status} {message}");
            }

            usage = root.TryGetProperty("usage", out var usageElement) ? TokenUsage.From(usageElement) : null;
            responseId = Text(root, "id");
        }
        catch (JsonException)
        {
            return AttemptOutcome.Failed(FailureClass.BrokenAnswer, status, $"{status} upstream answer is not JSON");
        }

        if (converter is not null)
        {
            bytes = JsonSerializer.SerializeToUtf8Bytes(converter.ConvertResponse(JsonNode.Parse(bytes)!.AsObject()));
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        clock.MarkFirstByte();
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        return new AttemptOutcome { Failure = FailureClass.None, Status = status, Committed = true, Usage = usage, ResponseId = responseId };
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : value.GetRawText()
            : null;

    private async Task<AttemptOutcome> RelayStreamAsync(
        HttpContext http,
        GatewayRequest request,
        ApiProtocol protocol,
        HttpResponseMessage response,
        IProtocolConverter? converter,
        bool dropUsageChunks,
        CancellationTokenSource idle,
        TimeSpan idleTimeout,
        RequestClock clock)
    {
        var status = (int)response.StatusCode;
        var ct = http.RequestAborted;
        await using var upstream = await response.Content.ReadAsStreamAsync(idle.Token);
        using var reader = new SseReader(upstream);
        var tap = new StreamTap(protocol, dropUsageChunks);

        idle.CancelAfter(idleTimeout);
        if (await reader.ReadAsync(idle.Token) is not { } first)
        {
            return AttemptOutcome.Failed(FailureClass.BrokenAnswer, status, $"{status} upstream stream ended before its first event");
        }

        if (tap.FirstEventError(first) is { } error)
        {
            return AttemptOutcome.Failed(FailureClassifier.ClassifyErrorEvent(error.Code, error.Message), status, $"{status} {error.Message}");
        }

        // The gate opens: from here on this attempt owns the client's response.
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var streamConverter = converter?.CreateStreamConverter();
        var output = new List<SseEvent>(4);
        var sent = 0;
        string? midStreamError = null;
        try
        {
            var current = first;
            while (true)
            {
                output.Clear();
                if (tap.Observe(current) is { } forward)
                {
                    if (streamConverter is null)
                    {
                        output.Add(forward);
                    }
                    else
                    {
                        streamConverter.Convert(forward, output);
                    }
                }

                sent += await WriteAsync(http, output, clock, ct);
                if (tap.SawDone)
                {
                    break;
                }

                idle.CancelAfter(idleTimeout);
                if (await reader.ReadAsync(idle.Token) is not { } next)
                {
                    break;
                }

                current = next;
            }

            output.Clear();
            if (streamConverter is not null)
            {
                streamConverter.Complete(output);
            }
            else if (request.Inbound == ApiProtocol.Chat && !tap.SawDone)
            {
                // The upstream ended without [DONE]; clients wait for it.
                output.Add(SseEvent.Done);
            }

            await WriteAsync(http, output, clock, ct);
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or IOException)
        {
            return AttemptOutcome.Aborted(committed: true) with { Status = status, Usage = tap.Usage };
        }
        catch (OperationCanceledException)
        {
            midStreamError = "The upstream went silent in the middle of the stream.";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            midStreamError = "The upstream connection broke in the middle of the stream.";
        }
        catch (Exception ex) when (streamConverter is not null && ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            midStreamError = "The gateway could not convert the upstream stream.";
        }

        if (midStreamError is not null)
        {
            try
            {
                await WriteAsync(http, [StreamErrorEvents.For(request.Inbound, midStreamError, sent)], clock, ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                return AttemptOutcome.Aborted(committed: true) with { Status = status, Usage = tap.Usage };
            }
        }

        return new AttemptOutcome
        {
            Failure = FailureClass.None,
            Status = status,
            Committed = true,
            Usage = tap.Usage,
            ResponseId = tap.ResponseId,
            MidStreamError = midStreamError,
        };
    }

    private static async Task<int> WriteAsync(HttpContext http, List<SseEvent> events, RequestClock clock, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        foreach (var sse in events)
        {
            await http.Response.Body.WriteAsync(SseWriter.Encode(sse), ct);
        }

        clock.MarkFirstByte();
        await http.Response.Body.FlushAsync(ct);
        return events.Count;
    }

    private static async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationTokenSource idle, TimeSpan idleTimeout)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(idle.Token);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (buffer.Length < maxBytes)
            {
                idle.CancelAfter(idleTimeout);
                var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes - buffer.Length)), idle.Token);
                if (read == 0)
                {
                    break;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    // The upstream's own error message when it has one, else the start of the body; never the request.
    private static string Summarise(int status, string body)
    {
        string? message = null;
        try
        {
            message = JsonNode.Parse(body)?["error"]?["message"]?.ToString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            message = null;
        }

        message ??= body.Length > 200 ? body[..200] : body;
        return $"{status} {message.ReplaceLineEndings(" ").Trim()}".Trim();
    }
}
