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
}
