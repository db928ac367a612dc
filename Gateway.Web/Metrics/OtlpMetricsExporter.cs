using Gateway.Core.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Gateway.Web.Metrics;

/// <summary>
/// Exports the gateway's meter over OTLP when <c>Otlp:Endpoint</c> is set. The hosting integration package
/// is not available here, so the meter provider is built with the SDK and disposed (final export) on shutdown.
/// </summary>
internal sealed class OtlpMetricsExporter(IOptions<OtlpOptions> options) : IHostedService, IDisposable
{
    private MeterProvider? _provider;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            return Task.CompletedTask;
        }

        var http = string.Equals(settings.Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);
        var endpoint = new Uri(settings.Endpoint);
        if (http && endpoint.AbsolutePath is "/" or "")
        {
            // An endpoint set in code is used as given: HTTP needs the signal's path.
            endpoint = new Uri(endpoint, "/v1/metrics");
        }

        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(GatewayMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = endpoint;
                exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.ExportInterval.TotalMilliseconds;
            })
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    // The host may stop this service twice at once (the test host and Program's RunAsync both stop it).
    public void Dispose() => Interlocked.Exchange(ref _provider, null)?.Dispose();
}
