using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Forwarding;
using Gateway.Core.Options;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Turns an authenticated Chat Completions or Responses call into a <see cref="GatewayRequest"/>: size limit,
/// JSON and field validation, the key's own limits, the session key. Every error it produces, and any
/// unexpected exception, is answered in OpenAI's error shape.
/// </summary>
internal sealed partial class OpenAiRequestHandler(
    GatewayForwarder forwarder,
    ApiKeyLimiter limiter,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<OpenAiRequestHandler> logger)
{
    private static readonly string[] SessionHeaders = ["session_id", "conversation_id", "x-session-id"];

    public async Task HandleAsync(HttpContext http, ApiProtocol inbound)
    {
        try
        {
            await HandleCoreAsync(http, inbound);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
        catch (Exception ex)
        {
            LogUnexpected(logger, http.RequestId(), ex);
            await OpenAiErrors.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, "The gateway failed to process the request.", "server_error", "internal_error");
        }
    }

    private async Task HandleCoreAsync(HttpContext http, ApiProtocol inbound)
    {
        var body = await ReadBodyAsync(http);
        if (body is null)
        {
            return;
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            await Invalid(http, "The request body must be a JSON object.", "invalid_json");
            return;
        }

        if (json["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            await Invalid(http, "'model' is required and must be a non-empty string.", "missing_model");
            return;
        }

        var stream = false;
        if (json["stream"] is { } streamNode && (streamNode is not JsonValue streamValue || !streamValue.TryGetValue(out stream)))
        {
            await Invalid(http, "'stream' must be a boolean.", "invalid_type");
            return;
        }

        var key = http.ApiKey();
        using var slot = limiter.TryEnter(key, out var refusal);
        if (slot is null)
        {
            await OpenAiErrors.WriteAsync(http.Response, StatusCodes.Status429TooManyRequests, refusal!, "rate_limit_error", "key_rate_limit", retryAfterSeconds: 1);
            return;
        }

        await forwarder.ForwardAsync(http, new GatewayRequest
        {
            RequestId = http.RequestId(),
            Key = key,
            Inbound = inbound,
            Body = json,
            RawBody = body,
            Model = model,
            Stream = stream,
            ClientWantsUsage = json["stream_options"] is JsonObject so && so["include_usage"] is JsonValue usage && usage.TryGetValue<bool>(out var wants) && wants,
            SessionKey = SessionKey(http.Request, json, inbound),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            Hints = ClientHints.From(http.Request.Headers["originator"], http.Request.Headers.UserAgent, http.Request.Headers[ClientHints.OverrideHeader]),
        });
    }

    /// <summary>The body, or null after answering 413 when it exceeds <see cref="GatewayOptions.MaxRequestBodyBytes"/>.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        var max = options.CurrentValue.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own limit below is the one that answers; the server's must not cut in first.
            sizeFeature.MaxRequestBodySize = max + 1;
        }

        if (http.Request.ContentLength > max)
        {
            await TooLarge(http, max);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    await TooLarge(http, max);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLarge(http, max);
            return null;
        }

        return buffer.ToArray();
    }

    private static string? SessionKey(HttpRequest request, JsonObject body, ApiProtocol inbound)
    {
        foreach (var header in SessionHeaders)
        {
            if (request.Headers[header].ToString() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return inbound == ApiProtocol.Responses && body["previous_response_id"] is JsonValue previous && previous.TryGetValue<string>(out var id) && id.Length > 0
            ? id
            : null;
    }

    private static Task Invalid(HttpContext http, string message, string code) =>
        OpenAiErrors.WriteAsync(http.Response, StatusCodes.Status400BadRequest, message, "invalid_request_error", code);

    private static Task TooLarge(HttpContext http, long max) =>
        OpenAiErrors.WriteAsync(http.Response, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {max} bytes.", "invalid_request_error", "request_too_large");

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string requestId, Exception ex);
}
