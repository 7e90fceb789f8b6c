using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace Credit.Hosting.Telemetry;

/// <summary>The OTLP exporter behind <see cref="MetricTagGuard"/>. A subclass rather than a wrapper: the exporter reads
/// the service's resource through the provider it is attached to, which only the SDK can set.</summary>
public sealed class GuardedOtlpMetricExporter(OtlpExporterOptions options, ILogger logger) : OtlpMetricExporter(options)
{
    public override ExportResult Export(in Batch<Metric> metrics) =>
        base.Export(MetricTagGuard.Safe(metrics, withheld =>
            logger.LogWarning("Metric {Metric} ({Meter}) not exported: a series is tagged with a resident ID", withheld.Name, withheld.MeterName)));
}
