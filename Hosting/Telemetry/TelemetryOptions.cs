using Credit.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Credit.Hosting.Telemetry;

/// <summary>Where traces and metrics go. With no OTLP endpoint here nor in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// nothing is exported and no tracing or metrics pipeline is built; the platform's instruments still exist, for a
/// <c>dotnet-counters</c> that attaches.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Credit:Telemetry";

    /// <summary>The standard variable, read by the OTLP exporter itself when <see cref="OtlpEndpoint"/> is empty.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>An OpenTelemetry collector (http or https), e.g. <c>http://otel-collector:4317</c>.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317 by convention) or <c>HttpProtobuf</c> (4318; the signal's path is added).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are sent.</summary>
    public TimeSpan MetricInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the projection lag and the failing publications are read from PostgreSQL, while anything listens
    /// to them.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Whether an OTLP endpoint is configured, here or in the standard variable.</summary>
    public static bool Exports(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(StartupSettings.Read(configuration, Section, new TelemetryOptionsValidator()).OtlpEndpoint)
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StandardEndpointVariable));

    public static bool IsValidEndpoint(string? endpoint) =>
        string.IsNullOrWhiteSpace(endpoint)
        || (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>The exporter's settings for one signal (<c>v1/traces</c>, <c>v1/metrics</c>): the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables, overridden by <see cref="OtlpEndpoint"/> and <see cref="OtlpProtocol"/> when
    /// an endpoint is set here.</summary>
    public OtlpExporterOptions ExporterFor(string signalPath)
    {
        var exporter = new OtlpExporterOptions();
        if (string.IsNullOrWhiteSpace(OtlpEndpoint))
            return exporter;
        exporter.Protocol = OtlpProtocol;
        // Set in code, the endpoint is used as given: over HTTP it must name the signal's path (gRPC takes the root).
        exporter.Endpoint = OtlpProtocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(OtlpEndpoint.TrimEnd('/') + "/"), signalPath)
            : new Uri(OtlpEndpoint);
        return exporter;
    }
}
