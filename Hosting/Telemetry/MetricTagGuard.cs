using Credit.Grains.Interfaces.Identifiers;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Credit.Hosting.Telemetry;

/// <summary>The last check before metrics leave the process. No instrument we listen to should tag a series with a resident
/// ID (ours tag a court, a consumer, an outcome; the framework's a route template, a method, a status), but a metric point
/// cannot be masked once recorded, so a metric any of whose series carries one is not exported at all, and said so.</summary>
public static class MetricTagGuard
{
    /// <summary>The metrics of <paramref name="batch"/> whose tags hold no resident ID; <paramref name="withheld"/> hears of
    /// each one left out.</summary>
    public static Batch<Metric> Safe(in Batch<Metric> batch, Action<Metric> withheld)
    {
        var safe = new List<Metric>();
        foreach (var metric in batch)
        {
            if (CarriesResidentId(metric))
                withheld(metric);
            else
                safe.Add(metric);
        }
        return new Batch<Metric>([.. safe], safe.Count);
    }

    public static bool CarriesResidentId(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Value is string text && !string.Equals(ResidentIdsInText.Mask(text), text, StringComparison.Ordinal))
                    return true;
                if (tag.Value is string?[] texts && texts.Any(t => t is not null && !string.Equals(ResidentIdsInText.Mask(t), t, StringComparison.Ordinal)))
                    return true;
            }
        }
        return false;
    }
}
