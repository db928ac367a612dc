using Gateway.Core.Telemetry;
using Gateway.Web.Security;

namespace Gateway.Web.Metrics;

/// <summary>
/// <c>/metrics</c> in Prometheus text format, rendered from the gateway's meter, and OTLP export when configured.
/// The endpoint needs the admin policy (a scraper sends <c>Authorization: Bearer &lt;admin token&gt;</c>) unless
/// <c>Metrics:AllowAnonymous</c> opens it, e.g. behind a private network.
/// </summary>
internal static class MetricsHostingExtensions
{
    public static WebApplicationBuilder AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddSingleton<CoolingAccountsGauge>();
        builder.Services.AddOptions<OtlpOptions>().Bind(builder.Configuration.GetSection(OtlpOptions.SectionName));
        builder.Services.AddHostedService<OtlpMetricsExporter>();
        return builder;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        var gauge = app.Services.GetRequiredService<CoolingAccountsGauge>();
        app.Services.GetRequiredService<GatewayMetrics>().ObserveCoolingAccounts(gauge.Read);

        // Resolved now so that measurements made before the first scrape are counted.
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        var endpoint = app.MapGet("/metrics", () => TypedResults.Text(exporter.Render(), PrometheusText.ContentType)).ExcludeFromDescription();
        if (!app.Configuration.GetValue<bool>("Metrics:AllowAnonymous"))
        {
            endpoint.RequireAuthorization(AdminSecurityExtensions.AdminPolicy);
        }

        return app;
    }
}
