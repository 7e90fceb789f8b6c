using System.Diagnostics;
using System.Diagnostics.Metrics;
using Credit.Hosting.Telemetry;
using Credit.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Credit.Tests.Telemetry;

/// <summary>The masking of spans and the guard on metric tags, on spans and instruments made here for the purpose.</summary>
public sealed class ResidentIdRedactorTests
{
    [Fact]
    public void Every_part_of_a_span_that_can_hold_text_is_masked_before_export()
    {
        var id = Identities.AdultResidentId();
        var masked = $"{id[..10]}****{id[14..]}";
        using var source = new ActivitySource($"test.{Guid.NewGuid():N}");
        var exported = new ExportedTelemetry();
        using (var tracing = Traced(source, exported))
        using (var span = source.StartActivity("call", ActivityKind.Server))
        {
            span!.DisplayName = $"call subject/p:{id}";
            span.SetTag("orleans.rpc.target_id", $"subject/p:{id}");
            span.SetTag("ids", new[] { "none", id });
            span.SetTag("count", 440103199001011234L);
            span.SetTag("uri", new Uri($"http://court/api/v1/subjects/resident-id/{id}"));
            span.AddException(new InvalidOperationException($"subject p:{id} refused"));
            span.SetStatus(ActivityStatusCode.Error, $"p:{id} failed");
        }

        var exportedSpan = Assert.Single(exported.Spans);
        Assert.Equal($"call subject/p:{masked}", exportedSpan.Name);
        Assert.Equal($"subject/p:{masked}", exportedSpan.Tags["orleans.rpc.target_id"]);
        Assert.Equal($"none,{masked}", exportedSpan.Tags["ids"]);
        Assert.Equal("440103199001011234", exportedSpan.Tags["count"]);
        Assert.Equal($"http://court/api/v1/subjects/resident-id/{masked}", exportedSpan.Tags["uri"]);
        Assert.Contains($"exception.message=subject p:{masked} refused", exportedSpan.Texts);
        Assert.Contains(exportedSpan.Texts, text => text.StartsWith($"exception.stacktrace=System.InvalidOperationException: subject p:{masked} refused", StringComparison.Ordinal));
        Assert.Contains($"p:{masked} failed", exportedSpan.Texts);
        Assert.DoesNotContain(exportedSpan.Texts, text => text.Contains(id, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_span_with_an_ID_where_it_cannot_be_masked_is_not_exported_at_all()
    {
        var id = Identities.AdultResidentId();
        using var source = new ActivitySource($"test.{Guid.NewGuid():N}");
        var exported = new ExportedTelemetry();
        using (var tracing = Traced(source, exported))
        {
            using (var clean = source.StartActivity("clean", ActivityKind.Server, default(ActivityContext), links: [new ActivityLink(default, new() { ["linked"] = "no one" })]))
                clean!.AddEvent(new ActivityEvent("looked up", tags: new() { ["subject"] = "e:91440101MA5CXXXX1X" }));
            using (source.StartActivity($"name {id}", ActivityKind.Server))
            {
            }
            using (var eventName = source.StartActivity("event name", ActivityKind.Server))
                eventName!.AddEvent(new ActivityEvent($"looked up {id}"));
            using (var eventTag = source.StartActivity("event tag", ActivityKind.Server))
                eventTag!.AddEvent(new ActivityEvent("looked up", tags: new() { ["subject"] = $"p:{id}" }));
            using (source.StartActivity("link tag", ActivityKind.Server, default(ActivityContext), links: [new ActivityLink(default, new() { ["linked"] = id })]))
            {
            }
        }

        Assert.Equal(["clean"], exported.Spans.Select(s => s.Name));
    }

    [Fact]
    public void A_metric_whose_series_is_tagged_with_an_ID_is_withheld_and_the_others_pass()
    {
        var id = Identities.AdultResidentId();
        using var meter = new Meter($"test.{Guid.NewGuid():N}");
        var exported = new ExportedTelemetry();
        var withheld = new List<string>();
        using (var metrics = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name)
            .AddReader(new BaseExportingMetricReader(new Guarded(exported.MetricExporter(), withheld))).Build())
        {
            meter.CreateCounter<long>("by.court").Add(1, new KeyValuePair<string, object?>("court", "粤0103"));
            var bySubject = meter.CreateCounter<long>("by.subject");
            bySubject.Add(1, new KeyValuePair<string, object?>("subject", "e:91440101MA5CXXXX1X"));
            bySubject.Add(1, new KeyValuePair<string, object?>("subject", $"p:{id}"));
            metrics.ForceFlush();
        }

        Assert.Equal(["by.court"], exported.Points.Select(p => p.Name).Distinct());
        Assert.Equal(["by.subject"], withheld.Distinct());
    }

    private static TracerProvider Traced(ActivitySource source, ExportedTelemetry exported) =>
        OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(source.Name)
            .MaskResidentIds([source.Name])
            .AddProcessor(new SimpleActivityExportProcessor(exported.SpanExporter()))
            .Build()!;

    /// <summary>What <see cref="GuardedOtlpMetricExporter"/> does before OTLP, in front of the test's exporter.</summary>
    private sealed class Guarded(BaseExporter<Metric> inner, List<string> withheld) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => inner.Export(MetricTagGuard.Safe(batch, metric => withheld.Add(metric.Name)));
    }
}
