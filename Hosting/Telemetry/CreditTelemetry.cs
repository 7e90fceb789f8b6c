using System.Diagnostics.Metrics;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace Credit.Hosting.Telemetry;

/// <summary>Traces and metrics through OpenTelemetry, for the Api (which co-hosts the silo) and the standalone silo alike.</summary>
public static class CreditTelemetry
{
    private static readonly string[] OrleansSources =
        [ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, ActivitySources.StorageActivitySourceName];

    /// <summary>Every source traced: Orleans', and those of the ASP.NET Core, HttpClient and Npgsql instrumentation.</summary>
    private static readonly string[] TracedSources = [.. OrleansSources, "Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    /// <summary>The platform's instruments, always (cheap while nothing listens), and the OTLP pipeline when an endpoint is
    /// configured (<see cref="TelemetryOptions"/>); without one, no tracer or meter provider is built at all. Call it before
    /// Orleans is added.</summary>
    public static IHostApplicationBuilder AddCreditTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddOptions<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.Section)
            .ValidateOnStart();
        AddInstruments(builder.Services);
        if (TelemetryOptions.Exports(builder.Configuration))
        {
            builder.AddCreditTelemetryPipeline(serviceName, new TelemetryExport(
                services => new BatchActivityExportProcessor(new OtlpTraceExporter(Settings(services).ExporterFor("v1/traces"))),
                services => new GuardedOtlpMetricExporter(Settings(services).ExporterFor("v1/metrics"),
                    services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricTagGuard)))));
        }
        return builder;
    }

    /// <summary>The tracing and metrics pipeline: what is recorded, masked by <see cref="ResidentIdRedactor"/>, and handed
    /// to <paramref name="export"/>.</summary>
    public static IHostApplicationBuilder AddCreditTelemetryPipeline(this IHostApplicationBuilder builder, string serviceName, TelemetryExport export)
    {
        AddInstruments(builder.Services);
        // Orleans makes grain-call spans only through its propagation filters; set so, it adds them to whichever it builds,
        // the co-hosted silo or the client of a cluster, so this need not know which.
        builder.Configuration.AddInMemoryCollection([new("Orleans:EnableDistributedTracing", "true")]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(CreditTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                // A caller's own sampling decision (a court's system that sends traceparent unsampled) does not hide our entry spans.
                .SetSampler(new ParentBasedSampler(new EntryPointSampler(), remoteParentNotSampled: new EntryPointSampler()))
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Readiness and liveness probes every few seconds would bury the requests.
                    options.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    options.EnrichWithHttpRequest = (span, _) => MaskUrl(span);
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .MaskResidentIds(TracedSources)
                .AddProcessor(export.Spans))
            .WithMetrics(metrics => metrics
                .AddMeter(Grains.Interfaces.Telemetry.CreditMeter.Name, "Microsoft.Orleans", "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddReader(services => new PeriodicExportingMetricReader(export.Metrics(services), (int)Settings(services).MetricInterval.TotalMilliseconds)));
        return builder;
    }

    /// <summary>Masks resident IDs in every span of <paramref name="sources"/> before the processors added after this one
    /// see it: exceptions as they are recorded, everything else when the span ends.</summary>
    public static TracerProviderBuilder MaskResidentIds(this TracerProviderBuilder tracing, IReadOnlyCollection<string> sources) =>
        tracing.AddInstrumentation(() => new ExceptionMasking(sources)).AddProcessor(new ResidentIdRedactor());

    private static void AddInstruments(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ProjectionMetrics)))
            return;
        services.AddMetrics();
        services.AddSingleton(provider => new ProjectionMetrics(provider.GetRequiredService<IMeterFactory>(), provider.GetService<InterceptionIndex>()));
        services.TryAddSingleton(provider => new ChangeLogReader(provider.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(provider => new SearchCheckpoints(provider.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(provider => new PublicationFailures(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<ProjectionProgressSampler>();
        services.AddSingleton<PublicSearchMetrics>();
        services.AddTransient<IStartupFilter, PublicSearchMetrics.Counting>();
    }

    private static TelemetryOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<TelemetryOptions>>().Value;

    /// <summary>The request's path and query as the server span records them, IDs masked from the start (an agency's check
    /// and a court's subject carry the ID number in the path).</summary>
    private static void MaskUrl(System.Diagnostics.Activity span)
    {
        foreach (var key in (string[])["url.path", "url.query"])
        {
            if (span.GetTagItem(key) is string value)
                span.SetTag(key, Grains.Interfaces.Identifiers.ResidentIdsInText.Mask(value));
        }
    }
}
