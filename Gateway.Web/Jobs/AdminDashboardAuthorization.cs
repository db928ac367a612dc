using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Web.Jobs;

/// <summary>
/// Lets only admins into the Hangfire dashboard, by the admin API's own policy: the console's cookie or an admin
/// bearer token. The caller's principal is set before Hangfire answers a refusal, which it turns into 401 for
/// an anonymous caller and 403 for an authenticated non-admin: plain status codes, never a login redirect.
/// </summary>
internal sealed class AdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var services = http.RequestServices;
        var policy = await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(AdminSecurityExtensions.AdminPolicy)
            ?? throw new InvalidOperationException($"The {AdminSecurityExtensions.AdminPolicy} authorization policy is not registered.");
        var evaluator = services.GetRequiredService<IPolicyEvaluator>();

        // Authenticates with the policy's schemes and sets HttpContext.User, which Hangfire reads for 401 vs 403.
        var authentication = await evaluator.AuthenticateAsync(policy, http);
        var authorization = await evaluator.AuthorizeAsync(policy, authentication, http, resource: null);
        if (!authorization.Succeeded && http.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            // A status-code-pages middleware would replace the empty refusal with an HTML page.
            statusCodePages.Enabled = false;
        }

        return authorization.Succeeded;
    }
}
