using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Gateway.Web.Console;

/// <summary>Wires the admin console: interactive server components, MudBlazor, localisation and the page services.</summary>
internal static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddAdminConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        services.AddLocalization();

        // The default encoder escapes everything outside Basic Latin as numeric entities (&#x4E2D;…):
        // serve Chinese as characters.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Replace(ServiceDescriptor.Scoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = ConsoleLanguages.Cultures.ToArray();
            o.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);

            // The switcher's cookie wins over the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddSingleton<UsageQueryService>();
        services.AddSingleton<AuditQueryService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<ConsoleUsers>();
        services.AddSingleton<ConsoleTerms>();
        services.AddTransient<Usage.UsageViewModel>();
        services.AddTransient<Audit.AuditViewModel>();
        services.AddTransient<DashboardViewModel>();
        services.AddSingleton<GatewayOptionsView>();
        services.AddTransient<UsersViewModel>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddSingleton<Accounts.AccountActions>();
        services.AddSingleton<Accounts.IAccountActions>(sp => sp.GetRequiredService<Accounts.AccountActions>());
        services.AddSingleton<Accounts.AccountHealthService>();
        services.AddSingleton<Accounts.AccountGridService>();
        services.AddSingleton<Accounts.AccountFormMessages>();
        return services;
    }

    /// <summary>The language-switch endpoint (the request culture itself is set in the console's middleware branch).</summary>
    public static WebApplication MapAdminConsole(this WebApplication app)
    {
        app.MapGet(ConsoleRoutes.SetCulture, (string? culture, string? redirectUri, HttpContext context, TimeProvider time) =>
        {
            if (culture is not null && ConsoleLanguages.Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
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
