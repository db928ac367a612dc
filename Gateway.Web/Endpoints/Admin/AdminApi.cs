namespace Gateway.Web.Endpoints.Admin;

/// <summary>
/// Maps the admin REST API under <c>/api/admin</c>, cookie or bearer token: viewers may read (GET) all but
/// the jobs, only admins may change anything, and every change passes the <see cref="AdminRequestGuard"/>.
/// </summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // Anti-forgery is checked by the guard (for cookie callers only), not by the form-oriented middleware.
        var api = app.MapGroup("/api/admin").RequireAuthorization(AdminSecurityExtensions.ReaderPolicy).DisableAntiforgery()
            .AddEndpointFilter<AdminRequestGuard>();
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(AdminSecurityExtensions.AdminPolicy));
            }
        });
        api.MapAntiforgeryEndpoint();
        api.MapAccountEndpoints();
        api.MapGroupEndpoints();
        api.MapKeyEndpoints();
        api.MapSettingsEndpoints();
        api.MapUsageEndpoints();
        api.MapAuditEndpoints();

        // Jobs are ops' business, like the admin-only jobs page and Hangfire dashboard: viewers do not read them either.
        api.MapGroup("").RequireAuthorization(AdminSecurityExtensions.AdminPolicy).MapJobEndpoints();
        return api;
    }
}
