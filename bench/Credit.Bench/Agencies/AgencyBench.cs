using System.Runtime.InteropServices;
using Credit.Api.Agencies.Catalogue;
using Credit.Bench.Agencies.Load;
using Credit.Bench.Agencies.Measuring;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Agencies.Seeding;
using Credit.Bench.Measuring;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Interceptions;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Bench.Agencies;

/// <summary>The agencies mode: seeds a million intercepted subjects, starts the real platform on them and times the
/// agency endpoints against a minimal Kestrel endpoint on the same machine; see bench/README.md.</summary>
public static class AgencyBench
{
    private const int CheckIdsOfEachKind = 10_000;
    private const int BatchSize = 10_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!CommandLine.TryParse(() => AgencyBenchOptions.Parse(args), AgencyBenchOptions.Usage, out var options))
            return 2;
        using var stopping = CommandLine.CancelOnCtrlC();
        await RunAsync(options, stopping.Token);
        return 0;
    }

    private static async Task RunAsync(AgencyBenchOptions options, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var today = TimeProvider.System.Today();
        var build = BuildOutputs.Find();
        var catalogue = new AgencyCatalogueSource(build.CatalogueFile).Current;

        await using var postgres = new EmbeddedPostgres(options.DataFolder, loggers.CreateLogger("Credit.Bench"));
        await postgres.StartAsync("postgres", cancellationToken);
        if (!options.Reuse)
        {
            await using var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres"));
            await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {AgencyBenchOptions.Database} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await postgres.CreateDatabaseAsync(AgencyBenchOptions.Database, cancellationToken);
        var connectionString = postgres.ConnectionString(AgencyBenchOptions.Database);
        await new SchemaMigrator(connectionString, loggers.CreateLogger("Credit.Bench")).MigrateAsync(cancellationToken);
        await using var database = NpgsqlDataSource.Create(connectionString);
        var databaseCpu = new CpuTime(Path.Combine(options.DataFolder, "pgdata")); // where EmbeddedPostgres keeps the cluster

        Console.WriteLine($"Credit agency bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  load:       {Machine.LoadAverage()} (1/5/15-minute load average; other work on the machine skews the figures)");
        Console.WriteLine($"  runtime:    .NET {Environment.Version}, PostgreSQL {await ScalarAsync<string>(database, "SHOW server_version", cancellationToken)} (embedded, data in {options.DataFolder})");
        Console.WriteLine($"  catalogue:  {catalogue.Agencies.Count} agencies, {catalogue.Measures.Count} measures ({build.CatalogueFile})");

        await SeedAsync(database, options, today, cancellationToken);
        var seeded = await new InterceptionSeeder(database).CountAsync(cancellationToken);
        Console.WriteLine($"  subjects:   {seeded.Subjects:N0} intercepted: {seeded.Listed:N0} listed, {seeded.ConsumptionOnly:N0} only consumption-restricted, "
            + $"{seeded.ExitBanned:N0} exit-banned, {seeded.Entities:N0} entities; change-log head {seeded.Position:N0}");
        Console.WriteLine($"  table:      {await ScalarAsync<string>(database, "SELECT pg_size_pretty(pg_table_size('intercepted_subjects'))", cancellationToken)} with TOAST, "
            + $"{await ScalarAsync<string>(database, "SELECT pg_size_pretty(pg_indexes_size('intercepted_subjects'))", cancellationToken)} indexes");

        if (options.Runs("footprint"))
            Console.WriteLine("  measuring:  the check index's own size, loaded in this process ...");
        var size = options.Runs("footprint") ? await IndexFootprint.MeasureAsync(database, cancellationToken) : null;
        await AgencyKeysForBench.AddAsync(database, catalogue, cancellationToken);
        await Wrk.EnsureInstalledAsync(cancellationToken);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = Timeout.InfiniteTimeSpan };
        Console.WriteLine($"  starting:   the platform ({build.Api}) and the minimal endpoint ...");
        var (platform, load) = await RunningPlatform.StartAsync(build, connectionString, http, cancellationToken);
        await using (platform)
        {
            AgencyReport.PrintIndex(load, size);
            try
            {
                await MeasureAsync(new Run(options, build, catalogue, database, databaseCpu, http, today), platform, seeded, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"The bench failed; the platform's last output lines:{Environment.NewLine}{platform.Process.Tail(80)}");
                throw;
            }
        }
    }

    /// <summary>What the steps after the platform's start share.</summary>
    private sealed record Run(AgencyBenchOptions Options, BuildOutputs Build, AgencyCatalogue Catalogue, NpgsqlDataSource Database, CpuTime DatabaseCpu,
        HttpClient Http, DateOnly Today);

    private static async Task MeasureAsync(Run run, RunningPlatform platform, SeededCounts seeded, CancellationToken cancellationToken)
    {
        var (options, build, catalogue, database, databaseCpu, http, today) = run;
        await using var minimal = await MinimalEndpoint.StartAsync(build, http, cancellationToken);
        var ids = await CheckIds.BuildAsync(database, CheckIdsOfEachKind, today, options.Seed + 1, cancellationToken);
        var wrk = new Wrk(options.Threads, options.Connections, Path.Combine(options.DataFolder, "wrk"));
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var checkMixed = wrk.Script("check-mixed", ids.Mixed, "/api/v1/agencies/railway/checks/", AgencyKeysForBench.Railway);
        var checkHits = wrk.Script("check-hits", ids.Hits, "/api/v1/agencies/railway/checks/", AgencyKeysForBench.Railway);
        var minimalMixed = wrk.Script("minimal-mixed", ids.Mixed, "/x/", AgencyKeysForBench.Railway);

        if (options.Runs("checks"))
        {
            Console.WriteLine($"  warming up: {WarmUp.TotalSeconds:F0} s of wrk on each endpoint (not counted) ...");
            await wrk.RunAsync("warm-up", minimal.Address, minimalMixed, WarmUp, minimal.Process, cancellationToken);
            await wrk.RunAsync("warm-up", platform.Address, checkMixed, WarmUp, platform.Process, cancellationToken);
            var checks = new List<(WrkResult Result, string Load)>();
            foreach (var (label, address, script, server) in new[]
            {
                ("minimal endpoint GET /x/{id}", minimal.Address, minimalMixed, minimal.Process),
                ("check GET, half hits", platform.Address, checkMixed, platform.Process),
                ("check GET, hits only", platform.Address, checkHits, platform.Process),
                ("minimal endpoint again", minimal.Address, minimalMixed, minimal.Process),
            })
            {
                var loadBefore = Machine.LoadAverage().Split(' ')[0];
                checks.Add((await wrk.RunAsync(label, address, script, duration, server, cancellationToken), loadBefore));
            }
            AgencyReport.PrintChecks(wrk.Settings, duration, checks);
            await PacedChecksAsync(run, platform, minimal, ids, checks.Max(c => c.Result.RequestsPerSecond), cancellationToken);
        }

        var batch = options.Runs("batches")
            ? await BatchChecks.MeasureAsync(http, platform, ids.Mixed, BatchSize, options.Batches, warmUp: 5, cancellationToken)
            : null;
        var snapshots = new List<SnapshotResult>();
        if (options.Runs("snapshots"))
        {
            foreach (var (agency, format) in new[] { ("railway", "ndjson"), ("railway", "csv"), ("planning-land", "ndjson"), ("street-offices", "ndjson") })
            {
                await SnapshotDownload.ReadAsync(http, platform, databaseCpu, agency, format, cancellationToken); // warm-up
                snapshots.Add(await SnapshotDownload.ReadAsync(http, platform, databaseCpu, agency, format, cancellationToken));
            }
        }
        if (batch is not null || snapshots.Count > 0)
            AgencyReport.PrintBatchAndSnapshots(batch, snapshots, seeded.Subjects);

        if (options.Propagation > 0 && options.Runs("propagation"))
        {
            // A unit (the bench's is Liwan's street offices) hears only of its area's subjects, not of every fresh one.
            var followed = catalogue.Agencies.Values
                .Where(a => a.Units.Count == 0 && (catalogue.TriggersOf(a) & (InterceptionTriggers.DishonestListing | InterceptionTriggers.ConsumptionRestriction)) != 0)
                .Select(a => a.Code).Order(StringComparer.Ordinal).ToList();
            var propagation = new Propagation(http, platform.Address, database, followed, today);
            var quiet = await propagation.RunAsync("idle", options.Propagation, cancellationToken);
            var loadedRound = await UnderCheckLoadAsync(wrk, platform, checkMixed, () => propagation.RunAsync("checks under wrk load", options.Propagation, cancellationToken));
            AgencyReport.PrintPropagation(followed, [quiet, loadedRound.Result], loadedRound.Load);
        }
        Console.WriteLine($"  memory:     platform {AgencyReport.Megabytes(platform.Process.MemoryNow())} resident after all runs; load average {Machine.LoadAverage()}");
    }

    /// <summary>The same endpoints at about half the minimal endpoint's ceiling, the throughput the target asks for:
    /// each connection pauses 1 ms after each answer, with as many connections as make half the ceiling, so latency is
    /// the server's at that load rather than the queue a saturating closed loop builds.</summary>
    private static async Task PacedChecksAsync(Run run, RunningPlatform platform, MinimalEndpoint minimal, CheckIds ids, double ceiling, CancellationToken cancellationToken)
    {
        const int Pause = 1;
        var duration = TimeSpan.FromSeconds(run.Options.DurationSeconds);
        // A connection's cycle came out at 2.0-2.4 ms for a 1 ms pause (wrk's timer and the answer) on this machine; a little more than half the ceiling is asked for, since the check answers a little slower than the minimal endpoint.
        var connections = Math.Max(run.Options.Threads, (int)Math.Ceiling(ceiling / 2 * (Pause + 1.4) / 1000));
        var wrk = new Wrk(run.Options.Threads, connections, Path.Combine(run.Options.DataFolder, "wrk"));
        var paced = new List<(WrkResult Result, string Load)>();
        foreach (var (label, address, script, server) in new[]
        {
            ("minimal endpoint, paced", minimal.Address, wrk.Script("minimal-paced", ids.Mixed, "/x/", AgencyKeysForBench.Railway, Pause), minimal.Process),
            ("check GET, half hits, paced", platform.Address, wrk.Script("check-mixed-paced", ids.Mixed, "/api/v1/agencies/railway/checks/", AgencyKeysForBench.Railway, Pause), platform.Process),
            ("check GET, hits only, paced", platform.Address, wrk.Script("check-hits-paced", ids.Hits, "/api/v1/agencies/railway/checks/", AgencyKeysForBench.Railway, Pause), platform.Process),
        })
        {
            var loadBefore = Machine.LoadAverage().Split(' ')[0];
            paced.Add((await wrk.RunAsync(label, address, script, duration, server, cancellationToken), loadBefore));
        }
        AgencyReport.PrintPacedChecks($"{wrk.Settings}, {Pause} ms pause per connection", duration, ceiling, paced);
    }

    private static async Task SeedAsync(NpgsqlDataSource database, AgencyBenchOptions options, DateOnly today, CancellationToken cancellationToken)
    {
        var seeder = new InterceptionSeeder(database);
        var existing = await seeder.CountAsync(cancellationToken);
        if (options.Reuse && existing.Subjects > 0)
        {
            Console.WriteLine($"  seeding:    {existing.Subjects:N0} subjects already seeded (--reuse)");
            return;
        }
        Console.WriteLine($"  seeding:    {options.Subjects:N0} intercepted subjects with binary COPY ...");
        var courts = await new ListingSeeder(database).GuangzhouCourtsAsync(cancellationToken);
        var subjects = new SyntheticSubjects(courts, today, await seeder.NextPositionAsync(cancellationToken), options.Seed);
        var timings = await seeder.SeedAsync(subjects.Generate(options.Subjects), written =>
        {
            if (!Console.IsOutputRedirected)
                Console.Write($"\r  seeding:    {written:N0} subjects written");
        }, cancellationToken);
        if (!Console.IsOutputRedirected)
            Console.WriteLine();
        Console.WriteLine($"  seeded in:  {timings.Total.TotalSeconds:F1} s (COPY {timings.Copy.TotalSeconds:F1} s, {options.Subjects / timings.Copy.TotalSeconds:N0} rows/s; "
            + $"indexes {timings.Indexes.TotalSeconds:F1} s; VACUUM ANALYZE {timings.Analyze.TotalSeconds:F1} s)");
    }

    /// <summary>Runs <paramref name="measure"/> while wrk keeps the check endpoint busy, and reports what wrk got meanwhile
    /// (its server CPU column is left empty: the platform also served the courts and the streams then).</summary>
    private static async Task<(T Result, WrkResult Load)> UnderCheckLoadAsync<T>(Wrk wrk, RunningPlatform platform, string script, Func<Task<T>> measure)
    {
        using var load = wrk.Start(platform.Address, script, TimeSpan.FromMinutes(30));
        T result;
        try
        {
            result = await measure();
        }
        catch
        {
            await Wrk.StopAsync("checks meanwhile", load, TimeSpan.Zero);
            throw;
        }
        return (result, await Wrk.StopAsync("checks meanwhile", load, TimeSpan.Zero));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
