using System.Text.Json.Nodes;
using Gateway.Core.Protocols.Conversion;
using Gateway.Core.Resilience;

namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// The Responses API's calls about one response: <c>GET</c> and <c>DELETE /v1/responses/{id}</c>,
/// <c>POST /v1/responses/{id}/cancel</c> and <c>GET /v1/responses/{id}/input_items</c>. A response the gateway stored
/// (served through a Chat or Messages upstream, SPEC 5.3) is answered from the store (<see cref="StoredResponseAnswers"/>);
/// one that an upstream speaking Responses made is asked of that account (<see cref="UpstreamResponseRelay"/>). Either
/// way only for the API key that received it: any other id, or another key's, is 404. A stored response was answered
/// in full, so it cannot be cancelled or streamed again (400).
/// </summary>
internal static partial class ResponseEndpoints
{
    public static RouteGroupBuilder MapResponseCalls(this RouteGroupBuilder v1)
    {
        v1.MapGet("/responses/{id}", GetAsync).Speaks(ApiProtocol.Responses);
        v1.MapDelete("/responses/{id}", DeleteAsync).Speaks(ApiProtocol.Responses);
        v1.MapPost("/responses/{id}/cancel", CancelAsync).Speaks(ApiProtocol.Responses);
        v1.MapGet("/responses/{id}/input_items", InputItemsAsync).Speaks(ApiProtocol.Responses);
        return v1;
    }

    private static Task GetAsync(HttpContext http, string id, ResponseStore store, UpstreamResponseRelay relay) =>
        AnswerAsync(http, id, store, relay, "", stored =>
        {
            if (http.Request.Query["stream"] == "true")
            {
                return InvalidAsync(http, $"Response '{id}' was answered in full: only a background response can be streamed again.", "stream");
            }

            return StoredResponseAnswers.Response(stored) is { } response ? WriteJsonAsync(http, response) : StoredBeforeAsync(http, id);
        });

    private static Task DeleteAsync(HttpContext http, string id, ResponseStore store, UpstreamResponseRelay relay) =>
        AnswerAsync(http, id, store, relay, "", async _ =>
        {
            var deleted = await store.DeleteAsync(http.ApiKey().Id, id, http.RequestAborted);
            await (deleted
                ? WriteJsonAsync(http, new JsonObject { ["id"] = id, ["object"] = "response", ["deleted"] = true })
                : NotFoundAsync(http, id));
        });

    private static Task CancelAsync(HttpContext http, string id, ResponseStore store, UpstreamResponseRelay relay) =>
        AnswerAsync(http, id, store, relay, "/cancel", _ =>
            InvalidAsync(http, $"Response '{id}' was answered in full: only a background response can be cancelled.", null));

    private static Task InputItemsAsync(HttpContext http, string id, ResponseStore store, UpstreamResponseRelay relay)
    {
        var query = http.Request.Query;
        var limit = StoredResponseAnswers.DefaultPageSize;
        if (query.ContainsKey("limit") && !(int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= StoredResponseAnswers.MaxPageSize))
        {
            return InvalidAsync(http, $"'limit' must be a whole number from 1 to {StoredResponseAnswers.MaxPageSize}.", "limit");
        }

        var order = query["order"].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            return InvalidAsync(http, "'order' must be 'asc' or 'desc'.", "order");
        }

        var after = query["after"].ToString() is { Length: > 0 } cursor ? cursor : null;
        return AnswerAsync(http, id, store, relay, "/input_items", stored =>
            stored.Envelope is null ? StoredBeforeAsync(http, id)
            : StoredResponseAnswers.InputItems(stored, limit, order == "asc", after) is { } page ? WriteJsonAsync(http, page)
            : InvalidAsync(http, $"No input item of response '{id}' has the id '{after}'.", "after"));
    }

    /// <summary>A stored response answered by <paramref name="answerStored"/>; else the call relayed to the account that made it; else 404.</summary>
    private static async Task AnswerAsync(HttpContext http, string id, ResponseStore store, UpstreamResponseRelay relay, string pathAfterId, Func<StoredResponse, Task> answerStored)
    {
        var key = http.ApiKey();
        try
        {
            if (await store.FindAsync(key.Id, id, http.RequestAborted) is { } stored)
            {
                await answerStored(stored);
            }
            else if (!await relay.RelayAsync(http, key, id, pathAfterId, http.RequestAborted))
            {
                await NotFoundAsync(http, id);
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex) && !http.Response.HasStarted)
        {
            LogStoreUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ResponseEndpoints)), http.RequestId(), ex);
            await ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, StatusCodes.Status503ServiceUnavailable,
                $"Response '{id}' could not be looked up; try again.", "server_error", "conversation_unavailable", retryAfterSeconds: 1);
        }
    }

    private static Task NotFoundAsync(HttpContext http, string id, string? why = null) =>
        ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, StatusCodes.Status404NotFound,
            why is null ? $"Response with id '{id}' not found." : $"Response with id '{id}' cannot be read: {why}.", "invalid_request_error", code: null);

    // Kept before the gateway kept whole responses (and counted their input items): continued still, read no more.
    private static Task StoredBeforeAsync(HttpContext http, string id) =>
        NotFoundAsync(http, id, "it was stored before this gateway kept whole responses; it can still be continued");

    private static Task InvalidAsync(HttpContext http, string message, string? param) =>
        ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, StatusCodes.Status400BadRequest, message, "invalid_request_error", code: null, param: param);

    private static async Task WriteJsonAsync(HttpContext http, JsonObject answer)
    {
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(answer.CompactUtf8(), http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: the response store could not be read")]
    private static partial void LogStoreUnavailable(ILogger logger, string requestId, Exception ex);
}
