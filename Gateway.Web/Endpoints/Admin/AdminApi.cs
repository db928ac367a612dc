using Gateway.Web.Security;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Maps the admin REST API under <c>/api/admin</c>, admin-only, cookie or bearer token.</summary>
internal static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").RequireAuthorization(AdminSecurityExtensions.AdminPolicy).DisableAntiforgery();
        api.MapAccountEndpoints();
        api.MapGroupEndpoints();
        api.MapKeyEndpoints();
        api.MapSettingsEndpoints();
        api.MapUsageEndpoints();
        api.MapJobEndpoints();
        return api;
    }
}
