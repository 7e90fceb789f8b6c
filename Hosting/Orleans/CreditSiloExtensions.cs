using System.Text.Encodings.Web;
using Credit.Grains.Interfaces.Time;
using Credit.Hosting.Calendar;
using Credit.Grains.BulkJobs;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Subjects;
using Credit.ReadModels.BulkJobs;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.ApiKeys;
using Credit.ReadModels.Objections;
using Credit.ReadModels.Removals;
using Credit.ReadModels.Statistics;
using Credit.Hosting.Reconciliation;
using Credit.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Credit.Hosting.Orleans;

public static class CreditSiloExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>Clustering, grain state (as JSON) and reminders in PostgreSQL, through Orleans' ADO.NET providers.</summary>
    public static ISiloBuilder UsePostgresStorage(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return silo.UsePostgresGrainState(connectionString).UsePostgresReminders(connectionString);
    }

    public static ISiloBuilder UsePostgresGrainState(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorage(SubjectGrain.StorageName, options =>
        {
            options.Invariant = Invariant;
            // The write path's pool: every court change reads and writes grain state (WritePathDatabase).
            options.ConnectionString = WritePathDatabase.For(connectionString);
        });
        // Stored state stays readable by an operator with psql: convert_from(payloadbinary, 'UTF8')::jsonb.
        silo.UseSystemTextJsonGrainStorageSerializer();
        // Chinese characters are stored as they are, three bytes each, not as six-byte \u escapes: a subject's state is
        // a quarter smaller and quicker to write (bench/README.md "Stored JSON"). It is read back by the platform and by an
        // operator's psql, never placed into a web page.
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(options =>
            options.JsonSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        // Subject state stored by earlier versions is brought into today's shape as it is read.
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(SubjectGrain.StorageName)
            .PostConfigure<IGrainStorageSerializer>((options, serializer) => options.GrainStorageSerializer = new SubjectStateSerializer(options.GrainStorageSerializer ?? serializer));
        // Subjects' state reads and writes are made in groups, on the write path's pool, into the provider's own table and rows.
        silo.Services.AddKeyedSingleton<IGrainStorage>(SubjectGrain.StorageName, (services, _) => new GroupCommitGrainStorage(
            SubjectGrain.StorageName,
            AdoNetGrainStorageFactory.Create(services, SubjectGrain.StorageName),
            services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(SubjectGrain.StorageName).GrainStorageSerializer,
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<WritePathDatabase>().Source,
            services.GetRequiredService<ILogger<GroupCommitGrainStorage>>()));
        return silo;
    }

    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });

    /// <summary>The domain's services: the clock (the system's, unless a test registered its own first), the grains'
    /// instruments and the tunable rules, checked at start.</summary>
    public static IServiceCollection AddCreditDomain(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SubjectMetrics>();
        services.AddOptions<SubjectRules>()
            .BindConfiguration(SubjectRules.Section)
            .Validate(r => r.ExitBanMaximumMonths is >= 1 and <= 12, "Credit:Rules:ExitBanMaximumMonths must be 1 to 12 (border inspection takes at most a year per decision)")
            .Validate(r => r.RememberedIdempotencyKeys is >= 10 and <= 100_000, "Credit:Rules:RememberedIdempotencyKeys must be 10 to 100000")
            .ValidateOnStart();
        // A silo beside the Api takes the Api's calendar, which follows its file; a silo on its own reads the same file.
        services.AddOptions<CalendarFileOptions>().BindConfiguration(CalendarFileOptions.Section);
        services.TryAddSingleton<IWorkingDayCalendarSource, FileWorkingDayCalendar>();
        services.AddOptions<BulkJobRules>()
            .BindConfiguration(BulkJobRules.Section)
            .Validate(r => r.Concurrency is >= 1 and <= 1024, "Credit:Bulk:Concurrency must be 1 to 1024")
            .Validate(r => r.MaxAttempts is >= 1 and <= 100, "Credit:Bulk:MaxAttempts must be 1 to 100")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The platform's own PostgreSQL access: one data source, the projection of subjects into the change log and
    /// the read models (committed in groups, on the write path's pool) (unless a projection of subjects or objections is registered already: a test's that fails on purpose), and the watch that
    /// empties the connection pools around an outage.</summary>
    public static IServiceCollection AddCreditStorage(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresTimeouts.Bounded(connectionString)));
        services.AddSingleton(_ => new WritePathDatabase(PostgresTimeouts.Bounded(connectionString)));
        services.TryAddSingleton<InterceptionNotifier>();
        services.TryAddSingleton<ISubjectProjection>(provider => new GroupCommitProjection(
            new PostgresSubjectProjection(provider.GetRequiredService<WritePathDatabase>().Source, provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<InterceptionNotifier>()),
            provider.GetRequiredService<ILogger<GroupCommitProjection>>()));
        services.AddSingleton<IBulkJobRows, PostgresBulkJobRows>();
        services.TryAddSingleton<IObjectionProjection, PostgresObjectionProjection>();
        services.TryAddSingleton<CourtRegistry>();
        services.TryAddSingleton<IPlatformCourts>(provider => provider.GetRequiredService<CourtRegistry>());
        services.AddSingleton(provider => new PostgresPools(provider.GetRequiredService<NpgsqlDataSource>(), provider.GetRequiredService<WritePathDatabase>(), connectionString));
        // Reconciliation reads the stored grain state beside the read models; it lives with the storage configuration
        // so that it reads the state with the silo's own serializer.
        services.AddSingleton<ListingRemovalsTable>();
        services.AddSingleton<MeasureDatesTable>();
        services.AddSingleton<ReconciliationScan>();
        services.AddSingleton<PublicationReconciler>();
        services.AddHostedService(provider => new PostgresWatch(
            connectionString, provider.GetRequiredService<PostgresPools>(), provider.GetRequiredService<ILogger<PostgresWatch>>()));
        return services;
    }

    public static ISiloBuilder UseCreditCluster(this ISiloBuilder silo, string clusterId, string serviceId) =>
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = clusterId;
            options.ServiceId = serviceId;
        });
}
