using System.Globalization;
using System.Runtime.InteropServices;
using Credit.Bench;
using Credit.Bench.Agencies;
using Credit.Bench.Measuring;
using Credit.Bench.Seeding;
using Credit.Bench.Writes;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.PublicListings;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

// Seeds the public read model with synthetic listings and times the public search on it; with "agencies" first,
// seeds the interception read model and times the agency endpoints instead; with "writes" first, times court writes
// through the API; with "bulk", times a court's bulk file. See bench/README.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.FirstOrDefault() == "agencies")
    return await AgencyBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "writes")
    return await WriteBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "push")
    return await Credit.Bench.Push.PushBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "screens")
    return await Credit.Bench.Screens.ScreenBench.RunAsync(args[1..]);
if (args.FirstOrDefault() == "bulk")
    return await Credit.Bench.Bulk.BulkBench.RunAsync(args[1..]);
if (!CommandLine.TryParse(() => BenchOptions.Parse(args), BenchOptions.Usage, out var options))
    return 2;

using var stopping = CommandLine.CancelOnCtrlC();
var cancellationToken = stopping.Token;
using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var logger = loggers.CreateLogger("Credit.Bench");
var clock = TimeProvider.System;

await using var postgres = new EmbeddedPostgres(options.DataFolder, logger);
await postgres.StartAsync("postgres", cancellationToken);
if (!options.Reuse)
{
    await using var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres"));
    await using var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {BenchOptions.Database} WITH (FORCE)");
    await drop.ExecuteNonQueryAsync(cancellationToken);
}
await postgres.CreateDatabaseAsync(BenchOptions.Database, cancellationToken);
var connectionString = postgres.ConnectionString(BenchOptions.Database);
await new SchemaMigrator(connectionString, logger).MigrateAsync(cancellationToken);
await using var database = NpgsqlDataSource.Create(connectionString);

Console.WriteLine($"Credit public search bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"  load:       {Machine.LoadAverage()} (1/5/15-minute load average; other work on the machine skews the figures)");
Console.WriteLine($"  runtime:    .NET {Environment.Version}, PostgreSQL {await ScalarAsync<string>("SHOW server_version")} (embedded, data in {options.DataFolder})");

var seeder = new ListingSeeder(database);
var existing = await seeder.CountAsync(cancellationToken);
if (options.Reuse && existing > 0)
{
    Console.WriteLine($"  listings:   {existing:N0} already seeded (--reuse)");
}
else
{
    Console.WriteLine($"  seeding:    {options.Listings:N0} listings with binary COPY ...");
    var courts = await seeder.GuangzhouCourtsAsync(cancellationToken);
    var timings = await seeder.SeedAsync(new SyntheticListings(courts, clock.Today(), options.Seed), options.Listings,
        written =>
        {
            if (!Console.IsOutputRedirected)
                Console.Write($"\r  seeding:    {written:N0} listings written");
        }, cancellationToken);
    if (!Console.IsOutputRedirected)
        Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  seeded in:  {timings.Total.TotalSeconds:F1} s (COPY {timings.Copy.TotalSeconds:F1} s, {options.Listings / timings.Copy.TotalSeconds:N0} rows/s; indexes {timings.Indexes.TotalSeconds:F1} s; VACUUM ANALYZE {timings.Analyze.TotalSeconds:F1} s)"));
}
Console.WriteLine($"  table:      {await ScalarAsync<string>("SELECT pg_size_pretty(pg_relation_size('public_listings'))")} heap, {await ScalarAsync<string>("SELECT pg_size_pretty(pg_indexes_size('public_listings'))")} indexes");
var listings = await seeder.CountAsync(cancellationToken);

var search = new PostgresPublicSearch(database, clock);
Console.WriteLine("  preparing:  picking search values from the seeded listings ...");
var workload = await new SearchWorkload(database, search, clock).BuildAsync(options.Queries, options.WarmUp, options.Seed, cancellationToken);

var direct = await MeasureAllAsync((request, token) => SearchOnceAsync(search, request, token));
ResultTable.Print(
    $"PostgresPublicSearch.SearchAsync (validation + SQL + reading rows), {listings:N0} listings, {options.Concurrency} concurrent callers, {options.Queries:N0} queries per criterion after {options.WarmUp:N0} warm-up:",
    direct);
Console.WriteLine($"load average after: {Machine.LoadAverage()}");

if (options.Http)
{
    Console.WriteLine();
    Console.WriteLine("Starting the platform (API + silo) on the bench database for the HTTP figures ...");
    await using var platform = await HttpPlatform.StartAsync(connectionString);
    var http = await MeasureAllAsync(platform.SearchAsync);
    ResultTable.Print(
        $"GET /api/v1/public/listings over HTTP/1.1 on loopback (Kestrel, rate limiter, JSON; client parses the page), same load:",
        http);
    Console.WriteLine($"load average after: {Machine.LoadAverage()}");
}
return 0;

async Task<List<(Criterion, Measurement)>> MeasureAllAsync(Func<SearchRequest, CancellationToken, Task<int>> searchOnce)
{
    var cpu = new CpuTime(Path.Combine(options.DataFolder, "pgdata")); // where EmbeddedPostgres keeps the cluster
    var results = new List<(Criterion, Measurement)>();
    foreach (var (measured, warmUp) in workload)
    {
        if (warmUp.Requests.Count > 0)
            await Latency.MeasureAsync(warmUp.Name, warmUp.Requests, options.Concurrency, searchOnce, cpu, cancellationToken);
        results.Add((measured, await Latency.MeasureAsync(measured.Name, measured.Requests, options.Concurrency, searchOnce, cpu, cancellationToken)));
    }
    return results;
}

static async Task<int> SearchOnceAsync(IPublicSearch search, SearchRequest request, CancellationToken cancellationToken) =>
    (await search.SearchAsync(request.Validate(), cancellationToken)).Items.Count;

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = database.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
}
