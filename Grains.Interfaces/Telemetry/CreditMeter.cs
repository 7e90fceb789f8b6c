namespace Credit.Grains.Interfaces.Telemetry;

/// <summary>The platform's own <see cref="System.Diagnostics.Metrics.Meter"/>: every layer that records an instrument creates
/// it by this name through the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, and the telemetry pipeline
/// listens to it. No instrument of it carries a subject key or an ID number as a tag: a metric series per person would
/// be personal data, and unbounded.</summary>
public static class CreditMeter
{
    public const string Name = "Credit";
}
