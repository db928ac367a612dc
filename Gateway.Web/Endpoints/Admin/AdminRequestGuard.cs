using Microsoft.Net.Http.Headers;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>
/// Cross-site request forgery defence of the admin API's state-changing calls. A browser signed in to the console sends its
/// cookie with any request another site makes it send; such a request can carry a form or plain-text body and no custom
/// header. So a body must be <c>application/json</c> (415 otherwise; a cross-site page cannot send that without a CORS
/// preflight the gateway never allows), and a cookie-authenticated call must carry the anti-forgery token in
/// <see cref="HeaderName"/> (403 otherwise). Bearer-token calls carry no ambient credential and need no token.
/// </summary>
internal sealed class AdminRequestGuard(IAntiforgery antiforgery) : IEndpointFilter
{
    /// <summary>The header a cookie-authenticated caller sends the token in (from <c>GET /api/admin/antiforgery</c>).</summary>
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return await next(context);
        }

        if (HasBody(request) && !IsJson(request.ContentType))
        {
            return TypedResults.Problem("The body must be sent as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (!IsBearer(request) && !await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            return TypedResults.Problem(
                $"A signed-in console session must send the anti-forgery token in the {HeaderName} header (GET /api/admin/antiforgery); or use an admin bearer token.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    /// <summary>The same test the admin API's authentication uses to pick the bearer scheme.</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
