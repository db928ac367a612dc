namespace Gateway.Web.Security;

/// <summary>
/// Headers every answer carries, whoever wrote it (an endpoint, the console, Hangfire, an error page): browsers must not
/// guess a content type (an upstream error page relayed as text must never render as HTML) and must not frame the console.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Set when the answer starts, so handlers that clear the response (the exception handler) cannot drop them.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
