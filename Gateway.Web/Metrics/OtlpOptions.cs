namespace Gateway.Web.Metrics;

/// <summary>OTLP metric export, bound from the <c>Otlp</c> section; off while <see cref="Endpoint"/> is empty.</summary>
public sealed class OtlpOptions
{
    public const string SectionName = "Otlp";

    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    internal bool IsHttp => string.Equals(Protocol, "http/protobuf", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <see cref="Endpoint"/> as the exporter wants it: an endpoint set in code is used as given, so over HTTP a bare
    /// collector address gets the metrics signal's path.
    /// </summary>
    internal Uri ExporterEndpoint
    {
        get
        {
            var endpoint = new Uri(Endpoint!);
            return IsHttp && endpoint.AbsolutePath is "/" or "" ? new Uri(endpoint, "/v1/metrics") : endpoint;
        }
    }
}
