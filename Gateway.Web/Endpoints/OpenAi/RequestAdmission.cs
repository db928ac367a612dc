namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Admits an authenticated API call before its body is read: the key's own (or default) concurrency and
/// requests-per-minute limits (429), then the gateway's room for requests and request bytes (503). A body is read into
/// memory only once it has room, so neither one key nor a flood of large bodies can take the gateway. Refusals are
/// usage rows too, under the <c>x-request-id</c> the client got, and answered in the client's error shape.
/// </summary>
internal sealed class RequestAdmission(ApiKeyLimiter limiter, RequestCapacity capacity, RequestRefusals refusals, IOptionsMonitor<GatewayOptions> options)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return await next(context);
        }

        var key = http.ApiKey();
        using var slot = limiter.TryEnter(key, out var keyRefusal);
        if (slot is null)
        {
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, keyRefusal!, "rate_limit_error", "key_rate_limit");
            return Results.Empty;
        }

        // A body of unknown length may still grow to the largest accepted; one past that is refused by the handler.
        var maxBody = options.CurrentValue.MaxRequestBodyBytes;
        using var room = capacity.TryEnter(Math.Min(http.Request.ContentLength ?? maxBody, maxBody), out var capacityRefusal);
        if (room is null)
        {
            await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable, capacityRefusal!, "server_error", "gateway_busy");
            return Results.Empty;
        }

        return await next(context);
    }

    private Task RefuseAsync(HttpContext http, int status, string message, string type, string code) =>
        refusals.RejectAsync(http, http.ClientProtocol(), null, status, message, type, code, retryAfterSeconds: 1);
}
