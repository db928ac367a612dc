namespace Gateway.Web.Endpoints.OpenAi;

/// <summary>
/// Admits an authenticated API call before its body is read (every call but the model list and an unknown path, which
/// reach no upstream and read no body): the key's own (or default) concurrency and
/// requests-per-minute limits (429), then the gateway's room for requests (503), whose body bytes the handler counts into
/// it as they arrive (<see cref="RequestCapacity.Room"/>), so neither one key nor a flood of large or slow bodies can
/// take the gateway. Refusals are usage rows too, under the <c>x-request-id</c> the client got, and answered in the
/// client's error shape.
/// </summary>
internal sealed class RequestAdmission(ApiKeyLimiter limiter, RequestCapacity capacity, RequestRefusals refusals)
{
    /// <summary>Metadata of an endpoint whose calls are not admitted against the limits: they cost neither an upstream nor a body.</summary>
    public static readonly object Exempted = new Exempt();

    public Task InvokeAsync(HttpContext http, RequestDelegate next) =>
        http.GetEndpoint()?.Metadata.GetMetadata<Exempt>() is not null ? next(http) : AdmitAsync(http, next);

    private async Task AdmitAsync(HttpContext http, RequestDelegate next)
    {
        var key = http.ApiKey();
        using var slot = limiter.TryEnter(key, out var keyRefusal);
        if (slot is null)
        {
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, keyRefusal!, "rate_limit_error", "key_rate_limit");
            return;
        }

        using var room = capacity.TryEnter(out var capacityRefusal);
        if (room is null)
        {
            await refusals.BusyAsync(http, http.ClientProtocol(), capacityRefusal!);
            return;
        }

        // The handler counts the body's bytes into this room as they arrive.
        http.Features.Set(room);
        await next(http);
    }

    private Task RefuseAsync(HttpContext http, int status, string message, string type, string code) =>
        refusals.RejectAsync(http, http.ClientProtocol(), null, status, message, type, code, retryAfterSeconds: 1);

    private sealed record Exempt;
}
