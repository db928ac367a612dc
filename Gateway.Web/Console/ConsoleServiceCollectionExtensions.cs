using System.Globalization;
using Gateway.Core.Usage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

namespace Gateway.Web.Console;

/// <summary>Wires the admin console: interactive server components, Radzen, localisation and the page services.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    /// <summary>The console's languages; the first is the default.</summary>
    public static readonly string[] SupportedCultures = ["en", "zh-CN"];

    public static IServiceCollection AddAdminConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddLocalization();
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(SupportedCultures[0]).AddSupportedCultures(SupportedCultures).AddSupportedUICultures(SupportedCultures);

            // The switcher's cookie wins over the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddSingleton<UsageQueryService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<ConsoleUsers>();
        services.AddSingleton<Accounts.AccountActions>();
        return services;
    }

    /// <summary>Request culture for every page and the language-switch endpoint.</summary>
    public static WebApplication UseAdminConsole(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.MapGet(ConsoleRoutes.SetCulture, (string? culture, string? redirectUri, HttpContext context, TimeProvider time) =>
        {
            if (culture is not null && SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                    new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            }

            return TypedResults.LocalRedirect(ConsoleRoutes.LocalOrHome(redirectUri));
        }).AllowAnonymous();
        return app;
    }
}
