using Gateway.Core;
using Gateway.Web.Components;
using Gateway.Web.Metrics;

namespace Gateway.Web.Hosting;

/// <summary>Wires the gateway, the admin console and the admin API into one host.</summary>
internal static class GatewayHostingExtensions
{
    /// <summary>
    /// Where the quick start listens when nothing else says where: not <c>--urls</c> or <c>ASPNETCORE_URLS</c>, not
    /// <c>ASPNETCORE_HTTP_PORTS</c> or <c>ASPNETCORE_HTTPS_PORTS</c> (which container images set), not <c>Kestrel:Endpoints</c>.
    /// </summary>
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrEmpty(builder.Configuration[key]))
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Running from build output (not a publish folder) outside Development: serve the static web assets
        // (MudBlazor's, the Blazor script) from their build-time locations, as Development does.
        if (!builder.Environment.IsDevelopment()
            && File.Exists(Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json")))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        var services = builder.Services;
        services.AddGatewayCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddAdminSecurity();
        builder.AddGatewaySecurity();
        services.AddCascadingAuthenticationState();
        services.AddAdminConsole();
        // A query, not EF's CanConnect: on SQLite that only checks that the file exists, so a locked or broken database
        // passed. A query that throws fails the check.
        services.AddHealthChecks().AddDbContextCheck<GatewayDbContext>("database", tags: ["ready"], customTestQuery: async (db, ct) =>
        {
            await db.Accounts.AnyAsync(ct);
            return true;
        });
        services.AddOpenAiApi();
        services.AddAdminApiDocument();
        services.AddHostedService<NativeMemoryTrimmer>();
        builder.AddGatewayJobs().AddGatewayMetrics();
        return builder;
    }

    /// <summary>Applies migrations before the host starts serving.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await DatabaseMigrator.MigrateAsync(factory, app.Services.GetRequiredService<DatabaseSettings>(), app.Lifetime.ApplicationStopping);
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseGatewayForwardedHeaders();
        app.UseSecurityHeaders();
        var development = app.Environment.IsDevelopment();
        if (!development)
        {
            app.UseHsts();
        }

        // The client API checks its own keys, answers its own failures in its callers' shape (OpenAiApi's gate) and renders
        // no page: the host's exception handler, the console's request culture, cookie authentication, authorization and
        // antiforgery stay off its path, where they cost more than the request's own work.
        app.UseWhen(http => !OpenAiApi.Serves(http.Request), console =>
        {
            if (!development)
            {
                console.UseExceptionHandler();
            }

            console.UseRequestLocalization();
            console.UseAuthentication();
            console.UseAuthorization();
            console.UseAntiforgery();
        });

        // The branch keeps its own copy of the app's properties, where these middlewares mark themselves as added: without
        // the marks on the app itself, the host would add them again in front of every request, the client API's included.
        foreach (var added in (string[])["__AuthenticationMiddlewareSet", "__AuthorizationMiddlewareSet", "__AntiforgeryMiddlewareSet"])
        {
            ((IApplicationBuilder)app).Properties[added] = true;
        }

        app.UseOpenAiApiGate();

        app.MapAdminConsole();

        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapAdminApi();
        app.MapAdminApiDocument();
        app.MapGatewayJobsDashboard();
        app.MapGatewayMetrics();
        app.MapLogout();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapOpenAiApi();
        return app;
    }
}
