using System.ComponentModel.DataAnnotations;

namespace Gateway.Web.Metrics;

/// <summary>
/// OTLP metric export, bound from the <c>Otlp</c> section; off while <see cref="Endpoint"/> is empty. Checked at start-up
/// with the other settings: an unknown protocol would otherwise be taken for gRPC.
/// </summary>
public sealed class OtlpOptions : IValidatableObject
{
    public const string SectionName = "Otlp";

    private static readonly string[] Protocols = ["grpc", "http/protobuf"];

    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Endpoint)
            && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"{nameof(Endpoint)}: '{Endpoint}' is not an http or https URL.", [nameof(Endpoint)]);
        }

        if (!Protocols.Contains(Protocol, StringComparer.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"{nameof(Protocol)}: '{Protocol}' is neither grpc nor http/protobuf.", [nameof(Protocol)]);
        }
    }
}

/// <summary>Checks <see cref="OtlpOptions"/> against its attributes and rules (generated at compile time) at start-up.</summary>
[OptionsValidator]
public sealed partial class OtlpOptionsValidator : IValidateOptions<OtlpOptions>;
