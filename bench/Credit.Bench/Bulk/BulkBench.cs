using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Credit.Api.Agencies.Catalogue;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;
using Credit.Grains.Interfaces.Time;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Bench.Bulk;

/// <summary>The bulk mode: one court's file of new listings submitted as a job to the real platform on the embedded
/// PostgreSQL; prints the rows per second, when the last row was searchable and in the agencies' check index, the check
/// index's lag during the run, and where the time went (CPU of the platform and of PostgreSQL, commits, wait events).</summary>
public static class BulkBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (!CommandLine.TryParse(() => BulkBenchOptions.Parse(args), BulkBenchOptions.Usage, out var options))
            return 2;
        using var stopping = CommandLine.CancelOnCtrlC();
        return await RunAsync(options, stopping.Token);
    }

    private static async Task<int> RunAsync(BulkBenchOptions options, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var today = TimeProvider.System.Today();
        var build = BuildOutputs.Find();
        await using var postgres = new EmbeddedPostgres(options.DataFolder, loggers.CreateLogger("Credit.Bench"));
        await postgres.StartAsync("postgres", cancellationToken);
        await using (var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres")))
        await using (var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {BulkBenchOptions.Database} WITH (FORCE)"))
            await drop.ExecuteNonQueryAsync(cancellationToken);
        await postgres.CreateDatabaseAsync(BulkBenchOptions.Database, cancellationToken);
        var connectionString = postgres.ConnectionString(BulkBenchOptions.Database);
        await new SchemaMigrator(connectionString, loggers.CreateLogger("Credit.Bench")).MigrateAsync(cancellationToken);
        await using var database = NpgsqlDataSource.Create(connectionString);
        await AgencyKeysForBench.AddAsync(database, new AgencyCatalogueSource(build.CatalogueFile).Current, cancellationToken);
        var databaseCpu = new CpuTime(Path.Combine(options.DataFolder, "pgdata"));

        Console.WriteLine($"Credit bulk intake bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  load:       {Machine.LoadAverage()} (1/5/15-minute load average; other work on the machine skews the figures)");
        var file = Path.Combine(options.DataFolder, "listings.csv");
        var ids = await ListingFile.WriteAsync(file, options.Rows, options.Seed, today, cancellationToken);
        Console.WriteLine($"  file:       {options.Rows:N0} listings of new subjects, {new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB CSV with Chinese headers");

        using var probe = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        string[] settings = options.Concurrency is { } concurrency ? [$"--Credit:Bulk:Concurrency={concurrency}"] : [];
        var (platform, _) = await RunningPlatform.StartAsync(build, connectionString, probe, cancellationToken, settings);
        await using (platform)
        {
            using var http = new HttpClient { BaseAddress = platform.Address, Timeout = TimeSpan.FromMinutes(30) };
            http.DefaultRequestHeaders.Add("X-Api-Key", AgencyKeysForBench.Court);
            Console.WriteLine($"  platform:   {platform.Address} (pid {platform.Process.Id}), bulk concurrency {options.Concurrency?.ToString(CultureInfo.InvariantCulture) ?? "default"}");
            return await MeasureAsync(http, platform, database, databaseCpu, file, ids, options.StopAfterSeconds, cancellationToken);
        }
    }

    private static async Task<int> MeasureAsync(HttpClient http, RunningPlatform platform, NpgsqlDataSource database, CpuTime databaseCpu, string file,
        List<string> ids, int? stopAfterSeconds, CancellationToken cancellationToken)
    {
        var commitsBefore = await CommitsAsync(database, cancellationToken);
        var (databaseBefore, platformBefore) = (databaseCpu.Now().Database, platform.Process.ProcessorTime());
        var clock = Stopwatch.StartNew();
        HttpResponseMessage submitted;
        await using (var body = File.OpenRead(file))
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            submitted = await http.PostAsync($"/api/v1/courts/{Uri.EscapeDataString(AgencyKeysForBench.CourtCode)}/bulk-jobs", content, cancellationToken);
        }
        var intake = clock.Elapsed;
        var (intakeDatabase, intakePlatform) = (databaseCpu.Now().Database - databaseBefore, platform.Process.ProcessorTime() - platformBefore);
        if (submitted.StatusCode != HttpStatusCode.Accepted)
        {
            Console.Error.WriteLine($"The job was not accepted: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync(cancellationToken)}");
            return 1;
        }
        var job = submitted.Headers.Location!.ToString();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  intake:     202 after {intake.TotalSeconds:F1} s (upload, every row checked and stored with COPY): CPU platform {intakePlatform.TotalSeconds:F1} s, PostgreSQL {intakeDatabase.TotalSeconds:F1} s, {(intakePlatform + intakeDatabase).TotalMilliseconds * 1000 / ids.Count:F0} µs per row"));

        var sampler = new RunSampler(http, job, platform.Address.ToString().TrimEnd('/'), database);
        RunSampler.Sample sample;
        do
        {
            await Task.Delay(500, cancellationToken);
            sample = await sampler.TakeAsync(clock, cancellationToken);
            if (!Console.IsOutputRedirected)
                Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r  applying:   {sample.Decided:N0}/{ids.Count:N0} rows at {sample.Seconds:F0} s, index {sample.Head - sample.Indexed:N0} positions behind   "));
        }
        while (sample.State != "Completed" && (stopAfterSeconds is null || (clock.Elapsed - intake).TotalSeconds < stopAfterSeconds));
        var completed = clock.Elapsed;
        if (!Console.IsOutputRedirected)
            Console.WriteLine();
        if (sample.State != "Completed")
        {
            await ReportPartAsync(sample, intake, completed, ids.Count, platform, platformBefore, databaseCpu, databaseBefore, database, commitsBefore, sampler, cancellationToken);
            return 0;
        }

        var searchable = await UntilAsync(() => SearchableAsync(http, ids[^1], cancellationToken), clock, cancellationToken);
        var head = await sampler.ScalarAsync("SELECT change_log_safe_head(change_log_horizon())", cancellationToken);
        var indexed = await UntilAsync(async () => await sampler.IndexedAsync(cancellationToken) >= head && await CheckedAsync(http, ids[^1], cancellationToken), clock, cancellationToken);
        var (databaseAfter, platformAfter) = (databaseCpu.Now().Database, platform.Process.ProcessorTime());
        var commits = await CommitsAsync(database, cancellationToken) - commitsBefore;
        var listings = await sampler.ScalarAsync("SELECT count(*) FROM public_listings", cancellationToken);

        var accepted = sample.Accepted;
        var applying = completed - intake;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              accepted:   {accepted:N0} of {ids.Count:N0} rows ({sample.Decided - accepted:N0} refused or failed); {listings:N0} listings in the public read model
              rows/s:     {accepted / completed.TotalSeconds:N0} from upload to the job's end ({completed.TotalSeconds:F1} s); {accepted / applying.TotalSeconds:N0} while applying ({applying.TotalSeconds:F1} s)
              last row:   searchable at {searchable.TotalSeconds:F1} s, in the check index (position {head:N0}, the railway's check a hit) at {indexed.TotalSeconds:F1} s
              index lag:  {Lag(sampler.Samples)}
              pace:       {Pace(sampler.Samples)}
              CPU:        platform {(platformAfter - platformBefore).TotalSeconds:F1} s, PostgreSQL {(databaseAfter - databaseBefore).TotalSeconds:F1} s: {(platformAfter - platformBefore).TotalMilliseconds / accepted:F2} + {(databaseAfter - databaseBefore).TotalMilliseconds / accepted:F2} ms per row (2 cores give {2 * completed.TotalSeconds:F0} s in {completed.TotalSeconds:F0} s)
              commits:    {commits:N0} ({(double)commits / accepted:F1} per row)
              PG waits:   {Waits(sampler.Waits)}
              load after: {Machine.LoadAverage()}
            """));
        return accepted == ids.Count ? 0 : 1;
    }

    /// <summary>A run stopped before the job's end: the figures so far, and what they make of the whole file.</summary>
    private static async Task ReportPartAsync(RunSampler.Sample sample, TimeSpan intake, TimeSpan stopped, int rows, RunningPlatform platform,
        TimeSpan platformBefore, CpuTime databaseCpu, TimeSpan databaseBefore, NpgsqlDataSource database, long commitsBefore, RunSampler sampler,
        CancellationToken cancellationToken)
    {
        var (databaseAfter, platformAfter) = (databaseCpu.Now().Database, platform.Process.ProcessorTime());
        var commits = await CommitsAsync(database, cancellationToken) - commitsBefore;
        var applying = stopped - intake;
        var rate = sample.Accepted / applying.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              stopped:    {applying.TotalSeconds:F0} s after the 202 (--stop-after), the job still running
              accepted:   {sample.Accepted:N0} of {rows:N0} rows so far
              rows/s:     {rate:N0} while applying; at this rate the whole file takes {(rows / Math.Max(rate, 0.001)) / 60:N0} min
              index lag:  {Lag(sampler.Samples)}
              CPU:        platform {(platformAfter - platformBefore).TotalSeconds:F1} s, PostgreSQL {(databaseAfter - databaseBefore).TotalSeconds:F1} s (intake included): {(platformAfter - platformBefore).TotalMilliseconds / Math.Max(1, sample.Accepted):F2} + {(databaseAfter - databaseBefore).TotalMilliseconds / Math.Max(1, sample.Accepted):F2} ms per accepted row
              commits:    {commits:N0} ({(double)commits / Math.Max(1, sample.Accepted):F1} per accepted row)
              PG waits:   {Waits(sampler.Waits)}
              load after: {Machine.LoadAverage()}
            """));
    }

    private static string Lag(List<RunSampler.Sample> samples)
    {
        var lags = samples.Where(s => s.Indexed >= 0).Select(s => s.Head - s.Indexed).Order().ToList();
        return lags.Count == 0 ? "not sampled"
            : string.Create(CultureInfo.InvariantCulture, $"the check index trailed the change log by {lags[lags.Count / 2]:N0} positions at the median sample, {lags[^1]:N0} at most ({lags.Count} samples, every 0.5 s)");
    }

    /// <summary>Rows decided a second in each tenth of the run (since the 202), so that a run that slows as its tables grow shows.</summary>
    private static string Pace(List<RunSampler.Sample> samples)
    {
        if (samples.Count < 2)
            return "not sampled";
        var (start, end) = (samples[0].Seconds, samples[^1].Seconds);
        var tenth = (end - start) / 10;
        var rates = Enumerable.Range(0, 10).Select(i =>
        {
            var from = samples.Last(s => s.Seconds <= start + i * tenth);
            var to = samples.First(s => s.Seconds >= start + (i + 1) * tenth - 1e-9);
            return (to.Decided - from.Decided) / Math.Max(0.001, to.Seconds - from.Seconds);
        });
        return string.Join(" ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))) + " rows/s in each tenth of the run";
    }

    private static string Waits(Dictionary<string, int> waits)
    {
        var total = Math.Max(1, waits.Values.Sum());
        return string.Join(", ", waits.OrderByDescending(w => w.Value).Take(6).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {100.0 * w.Value / total:F0} %")))
            + " of active backends sampled";
    }

    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (!await condition())
            await Task.Delay(50, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<bool> SearchableAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/public/listings?idNumber={id}", cancellationToken);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"listingId\"", StringComparison.Ordinal);
    }

    private static async Task<bool> CheckedAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agencies/railway/checks/{id}");
        request.Headers.Add("X-Api-Key", AgencyKeysForBench.Railway);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"Hit\"", StringComparison.Ordinal);
    }

    private static async Task<long> CommitsAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
