using System.Diagnostics;
using System.Net;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Hosting.Telemetry;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Telemetry;

/// <summary>Traces and metrics of a real platform, as an OTLP collector would receive them: they show the requests, the grain
/// calls and the platform's own instruments, and no resident ID number, though Orleans names a person's grain by it and the
/// court's and the agencies' URLs carry it.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryPrivacyTests(TestPostgres postgres)
{
    [Fact]
    public async Task No_resident_ID_leaves_the_process_in_traces_metrics_or_logs_while_the_platform_is_traced_and_measured()
    {
        var exported = new ExportedTelemetry();
        var logs = new CapturedLogs();
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.AddCreditTelemetryPipeline("credit-api", new TelemetryExport(
                    _ => new SimpleActivityExportProcessor(exported.SpanExporter()), _ => exported.MetricExporter()));
            }, true,
            "--Logging:LogLevel:Default", "Information",
            "--Credit:Telemetry:SampleInterval", "00:00:01");
        var (listed, restricted, representative, company) = (Identities.AdultResidentId(), Identities.AdultResidentId(), Identities.AdultResidentId(), Identities.CreditCode());
        var liwan = platform.Client(PlatformFixture.Liwan);
        var railway = platform.Client(AgencyKeys.Railway);

        // Court writes, one of them passing a restriction on to the company's legal representative (a grain-to-grain call).
        Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Person(listed)}/listings", PersonListing(CaseNumber()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Person(restricted)}/restrictions", Restriction(CaseNumber()))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await liwan.PostAsync($"{Entity(company)}/listings", EntityListing(CaseNumber(), representative))).StatusCode);
        // Public searches, by ID number and by name; agency checks by ID number, one by one and in a batch; a feed read.
        Assert.Equal(HttpStatusCode.OK, (await platform.Client().GetAsync($"/api/v1/public/listings?idNumber={listed}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Client().GetAsync("/api/v1/public/listings?name=张三")).StatusCode);
        await HitAsync(railway, restricted);
        await HitAsync(railway, representative);
        Assert.Equal(HttpStatusCode.OK, (await railway.PostAsync(AgencyKeys.Path("railway", "/checks"),
            new System.Text.Json.Nodes.JsonObject { ["ids"] = new System.Text.Json.Nodes.JsonArray(listed, restricted) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await railway.GetAsync(AgencyKeys.Path("railway", "/changes?after=0"))).StatusCode);

        var ids = new[] { listed, restricted, representative };
        await UntilExportedAsync(platform, exported, () =>
            exported.Spans.Any(s => s.Tags.GetValueOrDefault("url.path") == $"/api/v1/agencies/railway/checks/{Masked(representative)}")
            && exported.Points.Any(p => p.Name == "credit.projection.lag" && p.Tags.GetValueOrDefault("credit.consumer") == "check-index"));

        // Traced: the court's request as the server saw it and the grain call it made, both naming the subject masked, so the
        // masking ran where the full number was (Orleans tags a call with the grain's key, the person's ID number).
        Assert.Contains(exported.Spans, s => s.Source == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && s.Tags.GetValueOrDefault("url.path") == $"/api/v1/subjects/resident-id/{Masked(listed)}/listings");
        Assert.Contains(exported.Spans, s => s.Source == "Microsoft.Orleans.Application"
            && s.Tags.GetValueOrDefault("orleans.rpc.target_id", "").EndsWith($"p:{Masked(listed)}", StringComparison.Ordinal));
        Assert.Contains(exported.Spans, s => s.Source == "Microsoft.Orleans.Application"
            && s.Tags.GetValueOrDefault("orleans.rpc.target_id", "").EndsWith($"p:{Masked(representative)}", StringComparison.Ordinal)
            && s.Tags.GetValueOrDefault("orleans.rpc.source_id", "").EndsWith($"e:{company}", StringComparison.Ordinal));
        Assert.Contains(exported.Spans, s => s.Source == "Npgsql");
        Assert.Contains("service.name=credit-api", exported.Resource);
        // Measured: the court's acknowledged changes (the representative's restriction among them), the lag of the check
        // index behind the change log, the check index itself, the public searches and the outboxes.
        Assert.True(Last(exported, "credit.changes.acknowledged", ("credit.court", "粤0103")) >= 4);
        Assert.Contains(exported.Points, p => p.Name == "credit.projection.lag" && p.Tags.GetValueOrDefault("credit.consumer") == "check-index" && p.Value >= 0);
        Assert.True(Last(exported, "credit.check_index.position") > 0);
        Assert.True(Last(exported, "credit.check_index.subjects") >= 3);
        Assert.True(Last(exported, "credit.check_index.load.duration") > 0);
        Assert.Equal(0, Last(exported, "credit.publication.failing_subjects"));
        Assert.Equal(2, Last(exported, "credit.public_search.requests", ("credit.outcome", "answered"), ("credit.rate_limit.policy", "public-search")));
        Assert.Equal(0, Last(exported, "credit.outbox.pending"));
        // And no valid resident ID anywhere: span names, tags, events, links, status, metric tags, resource, logs.
        var exportedText = exported.AllText().ToList();
        foreach (var id in ids)
            Assert.DoesNotContain(exportedText, text => text.Contains(id, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(exportedText.SelectMany(ExportedTelemetry.ResidentIdsIn));
        Assert.NotEmpty(logs.Entries);
        Assert.Empty(logs.Entries.SelectMany(ExportedTelemetry.ResidentIdsIn));
    }

    [Fact]
    public async Task Over_OTLP_the_collector_receives_the_spans_and_metrics_with_the_ID_masked_and_never_whole()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var logs = new CapturedLogs();
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), builder => builder.Logging.AddProvider(logs), true,
            "--Credit:Telemetry:OtlpEndpoint", collector.Address.ToString(),
            "--Credit:Telemetry:OtlpProtocol", "HttpProtobuf");
        var id = Identities.AdultResidentId();

        Assert.Equal(HttpStatusCode.Created, (await platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);
        await HitAsync(platform.Client(AgencyKeys.Railway), id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!collector.Received("/v1/traces").Any(body => body.Contains($"/api/v1/agencies/railway/checks/{Masked(id)}", StringComparison.Ordinal))
            || !collector.Received("/v1/metrics").Any(body => body.Contains("credit.changes.acknowledged", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the collector did not receive the platform's telemetry in 30 s");
            platform.Services.GetRequiredService<TracerProvider>().ForceFlush();
            platform.Services.GetRequiredService<MeterProvider>().ForceFlush();
            await Task.Delay(200);
        }

        var traces = string.Concat(collector.Received("/v1/traces"));
        var metrics = string.Concat(collector.Received("/v1/metrics"));
        Assert.Contains($"p:{Masked(id)}", traces, StringComparison.Ordinal);
        Assert.Contains("credit-api", traces, StringComparison.Ordinal);
        Assert.Contains("粤0103", metrics, StringComparison.Ordinal);
        Assert.Empty(ExportedTelemetry.ResidentIdsIn(traces + metrics));
        Assert.DoesNotContain(logs.Entries, entry => entry.Contains("not exported", StringComparison.Ordinal));
    }

    private static string Masked(string residentId) => ResidentId.Parse(residentId).Masked;

    private static double Last(ExportedTelemetry exported, string name, params (string Key, string Value)[] tags) =>
        exported.Points.Last(p => p.Name == name && tags.All(t => p.Tags.GetValueOrDefault(t.Key) == t.Value)).Value;

    /// <summary>Waits for the check index to hold the subject (checks answer 503 while it loads).</summary>
    private static async Task HitAsync(HttpClient agency, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await agency.GetAsync(AgencyKeys.Path("railway", $"/checks/{id}"));
            if (response.StatusCode == HttpStatusCode.OK && (await response.JsonAsync()).GetProperty("status").GetString() == "Hit")
                return;
            Assert.True(DateTime.UtcNow < deadline, $"the railway's check never found the subject: {(int)response.StatusCode}");
            await Task.Delay(100);
        }
    }

    /// <summary>Flushes the platform's providers until <paramref name="arrived"/> holds: a server span ends just after its
    /// response is sent, and the projection progress is read once a second.</summary>
    private static async Task UntilExportedAsync(RunningPlatform platform, ExportedTelemetry exported, Func<bool> arrived)
    {
        var tracing = platform.Services.GetRequiredService<TracerProvider>();
        var metrics = platform.Services.GetRequiredService<MeterProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            tracing.ForceFlush();
            metrics.ForceFlush();
            if (arrived())
                return;
            Assert.True(DateTime.UtcNow < deadline, $"not exported in 30 s; spans: {exported.Spans.Count}, metric points: {exported.Points.Count}");
            await Task.Delay(200);
        }
    }
}

/// <summary>Alone, after the parallel tests: listeners are process-wide, so the instruments of another platform running in
/// the same test process would be exported with this one's and blur the figures asserted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
