using Gateway.Core.Protocols;
using Gateway.Core.Protocols.Conversion;
using Gateway.Core.Protocols.Messages;
using Gateway.Core.Protocols.Responses;
using Gateway.Core.Resilience;
using Gateway.Core.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Turns an authenticated Chat Completions, Responses or Anthropic Messages call into a <see cref="GatewayRequest"/>: size
/// limit, JSON and field validation, length limits, the session key, for Responses the stored conversation state it
/// refers to, for Messages the client's <c>anthropic-*</c> headers. Every error it produces is answered in the client's
/// error shape (Anthropic's for Messages, OpenAI's otherwise); an unexpected exception is answered so by the client
/// API's guard (<see cref="OpenAiApi"/>). The key's limits are checked before, by <see cref="RequestAdmission"/>.
/// </summary>
internal sealed partial class OpenAiRequestHandler(
    GatewayForwarder forwarder,
    InputTokensResponder inputTokens,
    ResponseStore responseStore,
    ResponseOwners responseOwners,
    StickySessions sticky,
    RequestRefusals refusals,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<OpenAiRequestHandler> logger)
{
    // Made once: a method group passed on every call would be a new delegate every time.
    private readonly Func<HttpContext, GatewayRequest, Task> _forward = forwarder.ForwardAsync;
    private readonly Func<HttpContext, GatewayRequest, Task> _countInputTokens = inputTokens.RespondAsync;

    /// <summary><c>POST /v1/chat/completions</c>, <c>POST /v1/responses</c> and <c>POST /v1/messages</c>: served through the attempt loop.</summary>
    public Task HandleAsync(HttpContext http, ApiProtocol inbound) => HandleCoreAsync(http, inbound, _forward);

    /// <summary>
    /// <c>POST /v1/responses/input_tokens</c> and <c>POST /v1/messages/count_tokens</c>: counted by an upstream or locally, never
    /// changing account state (SPEC 4.4).
    /// </summary>
    public Task HandleInputTokensAsync(HttpContext http, ApiProtocol inbound) =>
        HandleCoreAsync(http, inbound, _countInputTokens, answers: false);

    /// <param name="answers">An answer endpoint, which needs a model and <see cref="RequiredFields"/>; a count endpoint needs neither.</param>
    private async Task HandleCoreAsync(HttpContext http, ApiProtocol inbound, Func<HttpContext, GatewayRequest, Task> serve, bool answers = true)
    {
        var body = await ReadBodyAsync(http, inbound);
        if (body is null)
        {
            return;
        }

        using var document = JsonNodes.ParseObjectDocument(body);
        if (document is null)
        {
            await InvalidAsync(http, inbound, null, "The request body must be a JSON object.", "invalid_json");
            return;
        }

        var json = document.RootElement;
        var model = json.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString() : null;
        if (string.IsNullOrWhiteSpace(model) && (answers || modelElement.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)))
        {
            await InvalidAsync(http, inbound, null, "'model' is required and must be a non-empty string.", "missing_model");
            return;
        }

        var stream = false;
        if (json.TryGetProperty("stream", out var streamElement))
        {
            if (streamElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                await InvalidAsync(http, inbound, model, "'stream' must be a boolean.", "invalid_type");
                return;
            }

            stream = streamElement.ValueKind == JsonValueKind.True;
        }

        if (answers && RequiredFields.Check(inbound, json) is { } missing)
        {
            await InvalidAsync(http, inbound, model, missing.Message, missing.Code, stream);
            return;
        }

        var key = http.ApiKey();
        if (InputLimits.Check(http.Request, json, model, options.CurrentValue) is { } tooLong)
        {
            // The model the client asked for, unless it is what is too long.
            await InvalidAsync(http, inbound, model?.Length > options.CurrentValue.MaxModelNameLength ? null : model, tooLong.Message, tooLong.Code, stream);
            return;
        }

        // Read before the attempt loop: a converter turning this into a Chat request cannot wait on the database.
        var session = SessionKey(http.Request, json, inbound);
        ConversationHistory? conversation = null;
        if (inbound == ApiProtocol.Responses && ConversationReferences.From(json) is { } references)
        {
            try
            {
                conversation = await responseStore.LoadAsync(key.Id, references, http.RequestAborted);
                if (references.PreviousResponseId is { } previousId && conversation.PreviousItems is null
                    && !await FollowPreviousResponseAsync(key, previousId, session, http.RequestAborted))
                {
                    var notFound = ConversionRejectedException.PreviousResponseNotFound(previousId);
                    await refusals.RejectAsync(http, inbound, model, StatusCodes.Status400BadRequest, notFound.Message, "invalid_request_error", notFound.Code, stream: stream, param: notFound.Param);
                    return;
                }
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                refusals.ClientLeft(http, inbound);
                return;
            }
            catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
            {
                LogConversationUnavailable(logger, http.RequestId(), ex);
                await refusals.RejectAsync(http, inbound, model, StatusCodes.Status503ServiceUnavailable, "The stored conversation this request continues could not be read; try again.",
                    "server_error", "conversation_unavailable", retryAfterSeconds: 1, stream);
                return;
            }
        }

        await serve(http, new GatewayRequest
        {
            RequestId = http.RequestId(),
            ClientRequestId = http.ClientRequestId(),
            Key = key,
            Inbound = inbound,
            RawBody = body,
            Model = model ?? "",
            Stream = stream,
            ClientWantsUsage = json.TryGetProperty("stream_options", out var streamOptions) && streamOptions.ValueKind == JsonValueKind.Object
                && streamOptions.TryGetProperty("include_usage", out var includeUsage) && includeUsage.ValueKind == JsonValueKind.True,
            SessionKey = session,
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
            AnthropicVersion = inbound == ApiProtocol.Messages ? Header(http.Request, "anthropic-version") : null,
            AnthropicBeta = inbound == ApiProtocol.Messages ? Header(http.Request, "anthropic-beta") : null,
            AnthropicRepair = inbound == ApiProtocol.Messages ? AnthropicHistoryRepair.For(json) : null,
            ResponsesRepair = inbound == ApiProtocol.Responses ? ResponsesHistoryRepair.For(json) : null,
            Hints = ClientHints.From(http.Request.Headers["originator"], http.Request.Headers.UserAgent, http.Request.Headers[ClientHints.OverrideHeader]),
            Conversation = conversation,
        });
    }

    /// <summary>
    /// A previous response that an upstream made, and not the gateway's store, lives only on the account that made it: the
    /// request's session is bound to that account when no sticky session names one any more (its hour passed, the
    /// gateway restarted, or another instance served the last turn), found through <see cref="ResponseOwners"/>.
    /// </summary>
    /// <returns>
    /// False when the response is another key's (the usage log names it for another key, never for this one): not this
    /// key's to continue. An id the log does not know at all is the upstream's to judge.
    /// </returns>
    private async Task<bool> FollowPreviousResponseAsync(ApiKeyIdentity key, string previousId, string? session, CancellationToken ct)
    {
        var (owner, anotherKeys) = await responseOwners.LookupAsync(key.Id, previousId, ct);
        if (owner is null)
        {
            return !anotherKeys;
        }

        if (session is not null && sticky.Find(key.GroupId, session) is null)
        {
            sticky.Bind(key.GroupId, session, owner.AccountId);
        }

        return true;
    }

    /// <summary>The body, or null after answering 413 when it exceeds <see cref="GatewayOptions.MaxRequestBodyBytes"/>.</summary>
    private async ValueTask<byte[]?> ReadBodyAsync(HttpContext http, ApiProtocol inbound)
    {
        var max = options.CurrentValue.MaxRequestBodyBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Our own limit below is the one that answers; the server's must not cut in first.
            sizeFeature.MaxRequestBodySize = max + 1;
        }

        try
        {
            var room = http.Features.Get<RequestCapacity.Room>();
            return await BodyBuffer.ReadWholeAsync(http.Request.Body, http.Request.ContentLength, max, "request body", room is null ? null : room.Take, http.RequestAborted);
        }
        catch (RequestCapacityExceededException ex)
        {
            await refusals.BusyAsync(http, inbound, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is ReadLimitExceededException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            await TooLargeAsync(http, inbound, max);
            return null;
        }
        catch (Exception ex) when (LeftWhileSending(http, ex))
        {
            // No bad request, and nobody left to answer (SPEC 3).
            refusals.ClientLeft(http, inbound);
            return null;
        }
        catch (BadHttpRequestException ex)
        {
            // A body badly chunked or too slow is the client's fault, not the gateway's: a 400, never an error log.
            LogUnreadableBody(logger, http.RequestId(), ex.Message);
            await InvalidAsync(http, inbound, null, $"The request body could not be read: {ex.Message}", "invalid_body");
            return null;
        }
    }

    /// <summary>
    /// Whether the client went away while sending its body: its connection was aborted, or ended before the length the
    /// client declared (Kestrel's 400 for a body cut short; a body too slow is its 408, one too large its 413).
    /// </summary>
    private static bool LeftWhileSending(HttpContext http, Exception ex) => http.RequestAborted.IsCancellationRequested
        ? ex is BadHttpRequestException or OperationCanceledException or IOException
        : ex is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } && http.Request.ContentLength is not null;

    private static string? SessionKey(HttpRequest request, JsonElement body, ApiProtocol inbound)
    {
        foreach (var header in InputLimits.SessionHeaders)
        {
            if (request.Headers[header].ToString() is { Length: > 0 } value)
            {
                return value;
            }
        }

        // Claude Code names its session in metadata.user_id: keeping it on one account keeps Anthropic's prompt cache warm.
        var (holder, field) = inbound switch
        {
            ApiProtocol.Responses => (body, "previous_response_id"),
            ApiProtocol.Messages when body.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object => (metadata, "user_id"),
            _ => (default, ""),
        };
        return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty(field, out var found)
            && found.ValueKind == JsonValueKind.String && found.GetString() is { Length: > 0 } key
            ? key
            : null;
    }

    private static string? Header(HttpRequest request, string name) => request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private Task InvalidAsync(HttpContext http, ApiProtocol inbound, string? model, string message, string code, bool stream = false) =>
        refusals.RejectAsync(http, inbound, model, StatusCodes.Status400BadRequest, message, "invalid_request_error", code, stream: stream);

    private Task TooLargeAsync(HttpContext http, ApiProtocol inbound, long max) =>
        refusals.RejectAsync(http, inbound, null, StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {max} bytes.", "invalid_request_error", "request_too_large");

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} refused: its body could not be read ({Reason})")]
    private static partial void LogUnreadableBody(ILogger logger, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} refused: the stored conversation it continues could not be read")]
    private static partial void LogConversationUnavailable(ILogger logger, string requestId, Exception ex);
}
