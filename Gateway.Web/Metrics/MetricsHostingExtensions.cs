using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Gateway.Web.Metrics;

/// <summary>
/// The gateway's meter (and Polly's) through OpenTelemetry: <c>/metrics</c> in Prometheus text format, and OTLP export
/// when <c>Otlp:Endpoint</c> is set. The endpoint needs the admin policy (a scraper sends
/// <c>Authorization: Bearer &lt;admin token&gt;</c>) unless <c>Metrics:AllowAnonymous</c> opens it, e.g. behind a
/// private network.
/// </summary>
internal static class MetricsHostingExtensions
{
    // The name under which OpenTelemetry registers itself as an IMetricsListener.
    private const string OpenTelemetryListener = "OpenTelemetry";

    // What Polly's telemetry meters the resilience pipelines under.
    private const string PollyMeter = "Polly";

    public static WebApplicationBuilder AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccountGauges>();
        var section = builder.Configuration.GetSection(OtlpOptions.SectionName);
        builder.Services.AddOptions<OtlpOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OtlpOptions>, OtlpOptionsValidator>();
        var otlp = section.Get<OtlpOptions>() ?? new OtlpOptions();

        // Subscribed through the metrics builder rather than AddMeter: MeterScope.Local takes only the meter this
        // container's IMeterFactory created, so hosts sharing a process (tests) never count each other's requests.
        builder.Services.AddMetrics(metrics => metrics
            .EnableMetrics(GatewayMetrics.MeterName, instrumentName: null, OpenTelemetryListener, MeterScope.Local)
            .EnableMetrics(PollyMeter, instrumentName: null, OpenTelemetryListener));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("gateway"))
            .WithMetrics(metrics => ConfigureExporters(metrics, otlp));
        return builder;
    }

    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        var gauges = app.Services.GetRequiredService<AccountGauges>();
        app.Services.GetRequiredService<GatewayMetrics>().ObserveAccounts(gauges.Cooling, gauges.InFlight);

        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!app.Configuration.GetValue<bool>("Metrics:AllowAnonymous"))
        {
            endpoint.RequireAuthorization(AdminSecurityExtensions.AdminPolicy);
        }

        return app;
    }

    private static void ConfigureExporters(MeterProviderBuilder metrics, OtlpOptions otlp)
    {
        metrics.AddPrometheusExporter(o =>
        {
            // Every scrape reads fresh values; series keep the names and labels they had before OpenTelemetry.
            o.ScrapeResponseCacheDurationMilliseconds = 0;
            o.ScopeInfoEnabled = false;
        });
        // Broken settings add no exporter: the start-up check names them instead of the exporter failing on one.
        if (!string.IsNullOrWhiteSpace(otlp.Endpoint) && new OtlpOptionsValidator().Validate(null, otlp).Succeeded)
        {
            metrics.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = otlp.ExporterEndpoint;
                exporter.Protocol = otlp.IsHttp ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.ExportInterval.TotalMilliseconds;
            });
        }
    }
}
