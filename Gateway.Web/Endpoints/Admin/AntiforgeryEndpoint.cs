namespace Gateway.Web.Endpoints.Admin;

/// <summary>
/// <c>GET /api/admin/antiforgery</c>: the token a cookie-authenticated caller (a browser session, a script reusing the
/// console's cookie) sends in <see cref="AdminRequestGuard.HeaderName"/> with a state-changing call. Cross-site pages
/// cannot read it: the answer is same-origin JSON.
/// </summary>
internal static class AntiforgeryEndpoint
{
    public static RouteGroupBuilder MapAntiforgeryEndpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return TypedResults.Ok(new AntiforgeryDto(tokens.HeaderName ?? AdminRequestGuard.HeaderName, tokens.RequestToken!));
        }).WithTags("Session").WithSummary("The anti-forgery token a cookie-authenticated caller sends with state-changing calls (bearer callers need none).");
        return api;
    }

    private sealed record AntiforgeryDto(string HeaderName, string Token);
}
