using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Credit.Hosting.Telemetry;

/// <summary>Where the pipeline sends what it records: OTLP in production, a test's own exporters in the tests.</summary>
/// <param name="Spans">Added after <see cref="ResidentIdRedactor"/>, so it is handed masked spans.</param>
/// <param name="Metrics">Read every <see cref="TelemetryOptions.MetricInterval"/> (and on a flush).</param>
public sealed record TelemetryExport(
    Func<IServiceProvider, BaseProcessor<Activity>> Spans,
    Func<IServiceProvider, BaseExporter<Metric>> Metrics);
