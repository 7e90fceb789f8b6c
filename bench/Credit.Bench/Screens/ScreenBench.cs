using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Credit.Bench.Agencies;
using Credit.Bench.Agencies.Load;
using Credit.Bench.Agencies.Measuring;
using Credit.Bench.Agencies.Platform;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Credit.ReadModels.ApiKeys;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Bench.Screens;

/// <summary>The screens mode: the real platform (a child process on an embedded PostgreSQL of its own), a shipped channel
/// filled by a court's listings, and wrk polling its playlist as screens do, with If-None-Match, against the minimal Kestrel
/// endpoint on the same machine; see bench/README.md.</summary>
public static class ScreenBench
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <summary>The short run after each measured one that looks at every status (too slow for wrk to measure by).</summary>
    private static readonly TimeSpan CheckRun = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!CommandLine.TryParse(() => ScreenBenchOptions.Parse(args), ScreenBenchOptions.Usage, out var options))
            return 2;
        using var stopping = CommandLine.CancelOnCtrlC();
        await RunAsync(options, stopping.Token);
        return 0;
    }

    private static async Task RunAsync(ScreenBenchOptions options, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var build = BuildOutputs.Find();
        var channel = ShippedChannel.Read(build, options.Channel);
        if (options.DurationSeconds + WarmUp.TotalSeconds + CheckRun.TotalSeconds + 10 > channel.RotationPeriod.TotalSeconds)
            throw new ArgumentException($"--duration must leave room in the channel's {channel.RotationPeriod} rotation period: one ETag must hold through a run");

        await using var postgres = new EmbeddedPostgres(options.DataFolder, loggers.CreateLogger("Credit.Bench"));
        await postgres.StartAsync("postgres", cancellationToken);
        await using (var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres")))
        await using (var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {ScreenBenchOptions.Database} WITH (FORCE)"))
            await drop.ExecuteNonQueryAsync(cancellationToken);
        await postgres.CreateDatabaseAsync(ScreenBenchOptions.Database, cancellationToken);
        var connectionString = postgres.ConnectionString(ScreenBenchOptions.Database);
        await new SchemaMigrator(connectionString, loggers.CreateLogger("Credit.Bench")).MigrateAsync(cancellationToken);

        Console.WriteLine($"Credit screen playlist bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  load:       {Machine.LoadAverage()} (1/5/15-minute load average; other work on the machine skews the figures)");
        Console.WriteLine($"  channel:    {channel.Code} (operator {channel.Operator}, playlists of {channel.PlaylistSize}, rotation every {channel.RotationPeriod})");
        await Wrk.EnsureInstalledAsync(cancellationToken);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { Timeout = TimeSpan.FromMinutes(1) };
        Console.WriteLine($"  starting:   the platform ({build.Api}) and the minimal endpoint ...");
        var (platform, _) = await RunningPlatform.StartAsync(build, connectionString, http, cancellationToken);
        await using (platform)
        {
            try
            {
                await MeasureAsync(options, build, channel, http, platform, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"The bench failed; the platform's last output lines:{Environment.NewLine}{platform.Process.Tail(80)}");
                throw;
            }
        }
    }

    private static async Task MeasureAsync(ScreenBenchOptions options, BuildOutputs build, ShippedChannel channel, HttpClient http, RunningPlatform platform,
        CancellationToken cancellationToken)
    {
        await using var minimal = await MinimalEndpoint.StartAsync(build, http, cancellationToken);
        var key = DemoScreenOperatorKeys.All.Single(k => k.Operator == channel.Operator).Key; // seeded with SeedDemoKeys=true
        var playlists = new PlaylistProbe(http, platform.Address, channel.Code, key);

        Console.WriteLine($"  listing:    {options.Listings:N0} subjects in Liwan (440103) through the court API ...");
        await ListAsync(new CourtClient(http, platform.Address, TimeProvider.System.Today()), options.Listings, cancellationToken);
        var full = await playlists.UntilFullAsync(channel.PlaylistSize, cancellationToken);
        Console.WriteLine($"  playlist:   {full.Slides} slides, {full.Bytes:N0} bytes of JSON, ETag {full.ETag}");

        var wrk = new Wrk(options.Threads, options.Connections, Path.Combine(options.DataFolder, "wrk"));
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var minimalScript = wrk.Script("minimal", ["11010519491231002X"], "/x/", key);
        var fullScript = wrk.Script("playlist-200", [""], playlists.Path, key);
        // A run and its check run must see one ETag: each 304 run starts early enough in a rotation period.
        var needed = duration + CheckRun + TimeSpan.FromSeconds(5);

        Console.WriteLine($"  warming up: {WarmUp.TotalSeconds:F0} s of wrk on each endpoint (not counted) ...");
        await wrk.RunAsync("warm-up", minimal.Address, minimalScript, WarmUp, minimal.Process, cancellationToken);
        var warm = await playlists.CurrentAsync(needed, cancellationToken);
        await wrk.RunAsync("warm-up", platform.Address, NotModifiedScript(wrk, playlists, key, warm.ETag, null), WarmUp, platform.Process, cancellationToken);

        var runs = new List<PlaylistRun>();
        async Task<WrkResult> MeasureOnceAsync(string label, Uri address, string script, ChildProcess server)
        {
            var load = Machine.LoadAverage().Split(' ')[0];
            var result = await wrk.RunAsync(label, address, script, duration, server, cancellationToken);
            runs.Add(new PlaylistRun(result, load, null));
            return result;
        }

        async Task NotModifiedAsync(string label)
        {
            var current = await playlists.CurrentAsync(needed, cancellationToken);
            await MeasureOnceAsync(label, platform.Address, NotModifiedScript(wrk, playlists, key, current.ETag, null), platform.Process);
            var check = await wrk.RunAsync("check", platform.Address, NotModifiedScript(wrk, playlists, key, current.ETag, 304), CheckRun, platform.Process, cancellationToken);
            var after = await playlists.GetAsync(current.ETag, cancellationToken);
            runs[^1] = runs[^1] with { Check = new StatusCheck(304, check, after.Status == HttpStatusCode.NotModified) };
        }

        await MeasureOnceAsync("minimal endpoint GET /x/{id}", minimal.Address, minimalScript, minimal.Process);
        await NotModifiedAsync("playlist, If-None-Match → 304");
        await MeasureOnceAsync("playlist, full → 200", platform.Address, fullScript, platform.Process);
        var fullCheck = await wrk.RunAsync("check", platform.Address, wrk.Script("playlist-200-check", [""], playlists.Path, key, expectStatus: 200), CheckRun,
            platform.Process, cancellationToken);
        runs[^1] = runs[^1] with { Check = new StatusCheck(200, fullCheck, true) };
        await MeasureOnceAsync("minimal endpoint again", minimal.Address, minimalScript, minimal.Process);
        await NotModifiedAsync("playlist 304 again");
        // The platform's own floor: its middleware and Kestrel, no key, no playlist (the agency section's breakdown uses it too).
        await MeasureOnceAsync("platform GET /health/live", platform.Address, wrk.Script("health", [""], "/health/live", key), platform.Process);

        ScreenReport.Print(wrk.Settings, duration, CheckRun, runs);
        Console.WriteLine($"  memory:     platform {AgencyReport.Megabytes(platform.Process.MemoryNow())} resident after all runs; load average {Machine.LoadAverage()}");
    }

    private static string NotModifiedScript(Wrk wrk, PlaylistProbe playlists, string key, string etag, int? expectStatus) =>
        wrk.Script(expectStatus is null ? "playlist-304" : "playlist-304-check", [""], playlists.Path, key,
            headers: new Dictionary<string, string> { ["If-None-Match"] = etag }, expectStatus: expectStatus);

    /// <summary>The Liwan court lists <paramref name="count"/> adults of Liwan, four requests at a time.</summary>
    private static async Task ListAsync(CourtClient court, int count, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n < count; n = Interlocked.Increment(ref next))
                await court.ListAsync(LiwanResidentId(n), "屏幕测试", cancellationToken);
        }, cancellationToken)));
    }

    private static string LiwanResidentId(int n)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"440103{new DateOnly(1960, 1, 1).AddDays(n):yyyyMMdd}{n % 500 * 2 + 1:D3}");
        return first17 + ResidentId.CheckCharacterFor(first17);
    }

    /// <summary>The settings of a channel of the shipped channel file that the bench needs.</summary>
    private sealed record ShippedChannel(string Code, string Operator, int PlaylistSize, TimeSpan RotationPeriod)
    {
        public static ShippedChannel Read(BuildOutputs build, string code)
        {
            var file = Path.Combine(build.ApiFolder, "Screens", "Channels", "channels.json");
            var channel = JsonNode.Parse(File.ReadAllText(file))!["channels"]!.AsArray().FirstOrDefault(c => (string?)c!["code"] == code)
                ?? throw new ArgumentException($"{file} has no channel '{code}'");
            return new ShippedChannel(code, (string)channel["operator"]!, (int)channel["playlistSize"]!,
                TimeSpan.Parse((string)channel["rotationPeriod"]!, CultureInfo.InvariantCulture));
        }
    }
}
