using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Credit.Grains.Interfaces.Identifiers;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Credit.Tests.Telemetry;

/// <summary>A span as it left the process: copied to text when it was exported, so what a later processor or the test
/// itself might do to the activity cannot change what is asserted.</summary>
public sealed record ExportedSpan(string Source, ActivityKind Kind, string Name, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Texts);

/// <summary>One metric point as it left the process.</summary>
public sealed record ExportedPoint(string Meter, string Name, IReadOnlyDictionary<string, string> Tags, double Value);

/// <summary>The test's exporters, in place of OTLP: everything the pipeline hands on, as text, with the resource it was
/// exported with.</summary>
public sealed partial class ExportedTelemetry
{
    private readonly ConcurrentQueue<ExportedSpan> spans = new();
    private readonly ConcurrentQueue<ExportedPoint> points = new();
    private readonly ConcurrentQueue<string> resource = new();

    public IReadOnlyList<ExportedSpan> Spans => [.. spans];

    public IReadOnlyList<ExportedPoint> Points => [.. points];

    public IReadOnlyList<string> Resource => [.. resource];

    public BaseExporter<Activity> SpanExporter() => new SpanCopier(this);

    public BaseExporter<Metric> MetricExporter() => new PointCopier(this);

    /// <summary>Every text that was exported: span names, tags, events, links, status, metric names and tags, the resource.</summary>
    public IEnumerable<string> AllText() =>
        spans.SelectMany(s => s.Texts).Concat(points.SelectMany(p => p.Tags.Select(t => $"{t.Key}={t.Value}").Append(p.Name))).Concat(resource);

    /// <summary>The valid resident ID numbers in <paramref name="text"/>.</summary>
    public static IEnumerable<string> ResidentIdsIn(string text) =>
        IdShaped().Matches(text).Select(m => m.Value).Where(candidate => ResidentId.TryParse(candidate, out _, out _));

    [GeneratedRegex("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")]
    private static partial Regex IdShaped();

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        Array values => string.Join(",", values.Cast<object?>().Select(Text)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private void CopyResource(BaseProvider? provider)
    {
        if (!resource.IsEmpty || provider is null)
            return;
        foreach (var attribute in provider.GetResource().Attributes)
            resource.Enqueue($"{attribute.Key}={Text(attribute.Value)}");
    }

    private sealed class SpanCopier(ExportedTelemetry exported) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            exported.CopyResource(ParentProvider);
            foreach (var span in batch)
            {
                var tags = span.TagObjects.ToDictionary(t => t.Key, t => Text(t.Value));
                var texts = new List<string> { span.DisplayName, span.OperationName, span.StatusDescription ?? "" };
                texts.AddRange(tags.Select(t => $"{t.Key}={t.Value}"));
                foreach (var recorded in span.Events)
                {
                    texts.Add(recorded.Name);
                    texts.AddRange(recorded.Tags.Select(t => $"{t.Key}={Text(t.Value)}"));
                }
                foreach (var link in span.Links)
                    texts.AddRange((link.Tags ?? []).Select(t => $"{t.Key}={Text(t.Value)}"));
                exported.spans.Enqueue(new ExportedSpan(span.Source.Name, span.Kind, span.DisplayName, tags, texts));
            }
            return ExportResult.Success;
        }
    }

    private sealed class PointCopier(ExportedTelemetry exported) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            exported.CopyResource(ParentProvider);
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new Dictionary<string, string>();
                    foreach (var tag in point.Tags)
                        tags[tag.Key] = Text(tag.Value);
                    exported.points.Enqueue(new ExportedPoint(metric.MeterName, metric.Name, tags, Value(metric.MetricType, point)));
                }
            }
            return ExportResult.Success;
        }

        private static double Value(MetricType type, in MetricPoint point) => type switch
        {
            MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
            MetricType.LongGauge => point.GetGaugeLastValueLong(),
            MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
            MetricType.Histogram or MetricType.ExponentialHistogram => point.GetHistogramCount(),
            _ => double.NaN,
        };
    }
}
