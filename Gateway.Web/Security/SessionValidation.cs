using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Web.Security;

/// <summary>
/// Sessions that end when their user's rights do: each console cookie is checked against the user's stored security stamp
/// every <see cref="SecurityOptions.SessionValidationInterval"/> (on the host's <see cref="TimeProvider"/>), at once when
/// its stamp was replaced on this instance (<see cref="SessionRevocations"/>), and open console tabs are re-checked as often.
/// </summary>
internal static class SessionValidation
{
    public static IServiceCollection AddSessionValidation(this IServiceCollection services)
    {
        services.AddSingleton<SessionRevocations>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<SecurityOptions>, TimeProvider>((o, security, time) =>
        {
            o.ValidationInterval = security.Value.SessionValidationInterval;
            o.TimeProvider = time;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<TimeProvider>((o, time) =>
        {
            o.TimeProvider = time;
            o.Events.OnValidatePrincipal = ValidatePrincipalAsync;
        });
        services.AddScoped<AuthenticationStateProvider, ConsoleAuthenticationStateProvider>();
        return services;
    }

    private static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (services.GetRequiredService<SessionRevocations>().IsRevoked(context.Principal?.FindFirstValue(stampClaim)))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
