using System.Diagnostics;
using System.Runtime.InteropServices;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;
using Credit.Grains.Interfaces.Time;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Bench.Writes;

/// <summary>The writes mode: starts the real platform as its own process on a fresh database and times single court writes through
/// the API from 8, 16 and 32 concurrent clients, with what they cost PostgreSQL and what its backends wait for; see bench/README.md.</summary>
public static class WriteBench
{
    private const int StatementLines = 14;

    // The platform's code is still being compiled (tiered JIT) and its pools filled during the first seconds of writes: the first
    // run warms up longer, so that it does not carry that cost and the later ones do not look cheaper for it.
    private const int FirstWarmUpFactor = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!CommandLine.TryParse(() => WriteBenchOptions.Parse(args), WriteBenchOptions.Usage, out var options))
            return 2;
        using var stopping = CommandLine.CancelOnCtrlC();
        await RunAsync(options, stopping.Token);
        return 0;
    }

    private static async Task RunAsync(WriteBenchOptions options, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var logger = loggers.CreateLogger("Credit.Bench");
        var today = TimeProvider.System.Today();
        var build = BuildOutputs.Find();

        await using var postgres = new EmbeddedPostgres(options.DataFolder, logger);
        await postgres.StartAsync("postgres", cancellationToken);
        await StatementStatistics.ConfigureAsync(postgres, options.Statements, cancellationToken);
        await using (var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres")))
        {
            await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {WriteBenchOptions.Database} WITH (FORCE)");
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
        await postgres.CreateDatabaseAsync(WriteBenchOptions.Database, cancellationToken);
        var connectionString = postgres.ConnectionString(WriteBenchOptions.Database);
        await new SchemaMigrator(connectionString, logger).MigrateAsync(cancellationToken);
        await using var database = NpgsqlDataSource.Create(connectionString);
        if (options.Statements)
            await StatementStatistics.CreateExtensionAsync(database, cancellationToken);
        var databaseCpu = new CpuTime(Path.Combine(options.DataFolder, "pgdata")); // where EmbeddedPostgres keeps the cluster

        Console.WriteLine($"Credit write bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  load:       {Machine.LoadAverage()} (1/5/15-minute load average; other work on the machine skews the figures)");
        Console.WriteLine($"  runtime:    .NET {Environment.Version}, PostgreSQL {await ScalarAsync<string>(database, "SHOW server_version", cancellationToken)} (embedded, data in {options.DataFolder}, "
            + $"{await ScalarAsync<string>(database, "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('max_connections', 'shared_buffers', 'synchronous_commit', 'wal_sync_method', 'shared_preload_libraries')", cancellationToken)})");
        Console.WriteLine($"  workload:   {(options.Mixed ? "60% listings, 20% consumption restrictions, 20% removals of earlier listings" : "listings")} by {string.Join(", ", options.Clients)} "
            + $"concurrent court clients, {(options.Count > 0 ? $"{options.Count:N0} writes" : $"{options.DurationSeconds} s")} after {options.WarmUpSeconds} s of warm-up each "
            + $"({FirstWarmUpFactor * options.WarmUpSeconds} s before the first), on a fresh database");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromSeconds(60) };
        Console.WriteLine($"  starting:   the platform ({build.Api}) ...");
        var (platform, _) = await RunningPlatform.StartAsync(build, connectionString, http, cancellationToken);
        await using (platform)
        {
            try
            {
                var runs = new List<WriteRun>();
                var persons = new FreshPersons(today, options.Seed);
                var lag = new ReaderLag(http, platform.Address, database);
                var succeeded = new Dictionary<WriteKind, int>();
                foreach (var clients in options.Clients)
                {
                    var workload = new CourtWorkload(http, platform.Address, today, persons, options.Mixed, options.Seed + clients * 1000);
                    var warmUp = TimeSpan.FromSeconds(options.WarmUpSeconds * (runs.Count == 0 ? FirstWarmUpFactor : 1));
                    var run = await RunAsync(options, clients, warmUp, workload, platform, database, databaseCpu, lag, cancellationToken);
                    runs.Add(run);
                    foreach (var (kind, count) in run.Workload.Succeeded)
                        succeeded[kind] = succeeded.GetValueOrDefault(kind) + count;
                    WriteReport.PrintRun(run);
                }
                WriteReport.PrintSummary(runs, options.Mixed);
                await PrintWhatReadersHoldAsync(database, succeeded, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"The bench failed; the platform's last output lines:{Environment.NewLine}{platform.Process.Tail(80)}");
                throw;
            }
        }
    }

    private static async Task<WriteRun> RunAsync(WriteBenchOptions options, int clients, TimeSpan warmUp, CourtWorkload workload, RunningPlatform platform,
        NpgsqlDataSource database, CpuTime databaseCpu, ReaderLag lag, CancellationToken cancellationToken)
    {
        var loadBefore = Machine.LoadAverage();
        Console.WriteLine($"  running:    {clients} clients (load average {loadBefore}) ...");
        WaitEventSampler? sampler = null;
        using var lagStop = new CancellationTokenSource();
        Task<List<LagSample>>? lagSamples = null;
        DatabaseCounters? countersBefore = null, counters = null;
        (TimeSpan Platform, TimeSpan Database, TimeSpan Bench) cpuBefore = default, cpu = default;
        WaitEvents? waits = null;
        IReadOnlyList<StatementCost> statements = [];
        try
        {
            var result = await workload.RunAsync(clients, warmUp, TimeSpan.FromSeconds(options.DurationSeconds), options.Count,
                opened: async () =>
                {
                    if (options.Statements)
                        await StatementStatistics.ResetAsync(database, cancellationToken);
                    sampler = await WaitEventSampler.StartAsync(database, cancellationToken);
                    lagSamples = Task.Run(() => lag.SampleAsync(lagStop.Token), CancellationToken.None);
                    countersBefore = await DatabaseCounters.ReadAsync(database, cancellationToken);
                    cpuBefore = CpuNow(platform, databaseCpu);
                },
                closed: async () =>
                {
                    var cpuAfter = CpuNow(platform, databaseCpu);
                    cpu = (cpuAfter.Platform - cpuBefore.Platform, cpuAfter.Database - cpuBefore.Database, cpuAfter.Bench - cpuBefore.Bench);
                    counters = await DatabaseCounters.ReadAsync(database, cancellationToken) - countersBefore!;
                    waits = await sampler!.StopAsync();
                    if (options.Statements)
                        statements = await StatementStatistics.TopAsync(database, StatementLines, cancellationToken);
                    await lagStop.CancelAsync();
                },
                cancellationToken);
            var settled = await lag.SettleAsync(lagSamples is null ? [] : await lagSamples, cancellationToken);
            return new WriteRun(clients, loadBefore, Machine.LoadAverage(), result, cpu.Platform, cpu.Database, cpu.Bench, counters!, waits!, statements, settled);
        }
        finally
        {
            await lagStop.CancelAsync();
            if (sampler is not null)
                await sampler.DisposeAsync();
        }
    }

    private static (TimeSpan Platform, TimeSpan Database, TimeSpan Bench) CpuNow(RunningPlatform platform, CpuTime databaseCpu)
    {
        var (database, bench) = databaseCpu.Now();
        return (platform.Process.ProcessorTime(), database, bench);
    }

    /// <summary>Nothing lost: the public list holds every listing answered 2xx and not removed, and the agencies' read model every
    /// subject listed or restricted and not removed (a removal for full performance lifts the restriction that came with the listing).</summary>
    private static async Task PrintWhatReadersHoldAsync(NpgsqlDataSource database, Dictionary<WriteKind, int> succeeded, CancellationToken cancellationToken)
    {
        var listings = succeeded.GetValueOrDefault(WriteKind.Listing);
        var removals = succeeded.GetValueOrDefault(WriteKind.Removal);
        var restrictions = succeeded.GetValueOrDefault(WriteKind.Restriction);
        var published = await ScalarAsync<long>(database, "SELECT count(*) FROM public_listings", cancellationToken);
        var intercepted = await ScalarAsync<long>(database, "SELECT count(*) FROM intercepted_subjects", cancellationToken);
        var head = await ScalarAsync<long>(database, "SELECT change_log_safe_head(change_log_horizon())", cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"Readers after all runs (writes answered 2xx, warm-ups included: {listings:N0} listings, {restrictions:N0} restrictions, {removals:N0} removals; change-log head {head:N0}):");
        Console.WriteLine($"  public_listings:      {published:N0} rows, {Verdict(published, listings - removals)}");
        Console.WriteLine($"  intercepted_subjects: {intercepted:N0} rows, {Verdict(intercepted, listings - removals + restrictions)}");

        static string Verdict(long rows, long expected) => rows == expected ? "as expected" : $"MISMATCH: expected {expected:N0}";
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
