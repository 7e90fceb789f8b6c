using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Bench.Agencies.Platform;
using Credit.Bench.Measuring;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Hosting.Embedded;
using Credit.Hosting.Storage;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Bench.Push;

/// <summary>The push mode: the real platform (a child process on the embedded PostgreSQL), a partner's event stream and a local
/// webhook receiver (Kestrel, in this process). Times a removal from the court's 2xx to the Removed event on the stream and at
/// every webhook subscription, then a burst of additions fanned out to many subscriptions.</summary>
public static class PushBench
{
    private const string Database = "credit_push_bench";
    private const string Partner = "news-app";
    private const string PartnerKey = "bench-news-app";

    public static async Task<int> RunAsync(string[] args)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        var removals = Option("--removals", 200);
        var subscriptions = Option("--subscriptions", 1000);
        var burst = Option("--burst", 10_000);
        // Hold the fan-out subscriptions until the whole burst is written: deliveries then run alone, measured without the
        // court's writes sharing the machine.
        var hold = args.Contains("--hold");
        using var stopping = CommandLine.CancelOnCtrlC();
        var cancellationToken = stopping.Token;
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var folder = "/tmp/credit-bench-push";
        var build = BuildOutputs.Find();
        await using var postgres = new EmbeddedPostgres(folder, loggers.CreateLogger("Credit.Bench"));
        await postgres.StartAsync("postgres", cancellationToken);
        await using (var server = NpgsqlDataSource.Create(postgres.ConnectionString("postgres")))
        await using (var drop = server.CreateCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)"))
            await drop.ExecuteNonQueryAsync(cancellationToken);
        await postgres.CreateDatabaseAsync(Database, cancellationToken);
        var connectionString = postgres.ConnectionString(Database);
        await new SchemaMigrator(connectionString, loggers.CreateLogger("Credit.Bench")).MigrateAsync(cancellationToken);
        await using (var database = NpgsqlDataSource.Create(connectionString))
            await PartnerKeys.AddAsync(database, Partner, PartnerKey, "push bench", cancellationToken);

        Console.WriteLine($"Credit push bench, {DateTime.Now:yyyy-MM-dd HH:mm}");
        Console.WriteLine($"  machine:    {Environment.ProcessorCount} cores, {Machine.Cpu()}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"  load:       {Machine.LoadAverage()}");
        var cpu = new CpuTime(Path.Combine(folder, "pgdata"));
        await using var receiver = await Receiver.StartAsync();
        using var probe = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        // The receiver listens on loopback over plain http: allowed for it alone, as the tests do.
        var (platform, _) = await RunningPlatform.StartAsync(build, connectionString, probe, cancellationToken,
            "--Credit:Partners:Webhooks:Targets:AllowedHosts:0=127.0.0.1");
        await using (platform)
        {
            using var court = new HttpClient { BaseAddress = platform.Address, Timeout = TimeSpan.FromMinutes(1) };
            court.DefaultRequestHeaders.Add("X-Api-Key", AgencyKeysForBench.Court);
            using var partner = new HttpClient { BaseAddress = platform.Address, Timeout = Timeout.InfiniteTimeSpan };
            partner.DefaultRequestHeaders.Add("X-Api-Key", PartnerKey);

            // One subscription for the propagation run, the rest for the fan-out.
            await SubscribeAsync(partner, receiver.Url, 1, cancellationToken);
            var stream = new StreamFollower();
            var streaming = stream.RunAsync(partner, cancellationToken);

            var sse = new List<double>();
            var webhook = new List<double>();
            for (var i = 0; i < removals; i++)
            {
                var (id, listing) = await ListAsync(court, cancellationToken);
                await UntilAsync(() => stream.Seen("Added", listing) is not null && receiver.Seen("listing.added", listing) is not null, cancellationToken);
                var response = await court.SendAsync(Change(HttpMethod.Post, $"/api/v1/subjects/resident-id/{id}/listings/{listing}/removal",
                    new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" }), cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"removal refused: {(int)response.StatusCode}");
                await UntilAsync(() => stream.Seen("Removed", listing) is not null && receiver.Seen("listing.removed", listing) is not null, cancellationToken);
                sse.Add(Stopwatch.GetElapsedTime(answered, stream.Seen("Removed", listing)!.Value).TotalMilliseconds);
                webhook.Add(Stopwatch.GetElapsedTime(answered, receiver.Seen("listing.removed", listing)!.Value).TotalMilliseconds);
            }
            Console.WriteLine($"  removal → SSE:      {Percentiles(sse)} ({removals} removals, one at a time)");
            Console.WriteLine($"  removal → webhook:  {Percentiles(webhook)}");

            // Fan-out: many subscriptions (stored directly: the API allows a partner 20), a burst of additions.
            await using (var database = NpgsqlDataSource.Create(connectionString))
            await using (var insert = database.CreateCommand($$"""
                INSERT INTO webhook_subscriptions (id, partner, url, secret, filter, grant_fields, partner_filter, position, partner_active)
                SELECT gen_random_uuid(), s.partner, s.url, 'whsec_' || encode(sha256(random()::text::bytea), 'base64'), s.filter, s.grant_fields, s.partner_filter, (SELECT last FROM partner_feed_head), NOT $2
                FROM webhook_subscriptions s, generate_series(2, $1) LIMIT $1 - 1
                """))
            {
                // Each with a secret of its own stored in clear, as before secrets were encrypted: the platform encrypts it
                // when it first reads it.
                insert.Parameters.Add(new NpgsqlParameter { Value = subscriptions });
                insert.Parameters.Add(new NpgsqlParameter { Value = hold });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            // The platform lists the subscriptions every 5 s and wakes the new ones.
            await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
            Console.WriteLine($"  fan-out:    {subscriptions} subscriptions, a burst of {burst} additions from 8 concurrent court clients");
            receiver.Reset();
            var sent = new ConcurrentDictionary<Guid, long>();
            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < burst)
                {
                    var (_, listing) = await ListAsync(court, cancellationToken);
                    sent[listing] = Stopwatch.GetTimestamp();
                }
            }, cancellationToken)));
            var written = clock.Elapsed;
            var expected = (long)burst * subscriptions;
            if (hold)
            {
                // The subscription used for the removals got the burst already; the waker finds the released ones within 5 s.
                await using var database = NpgsqlDataSource.Create(connectionString);
                await using var release = database.CreateCommand("UPDATE webhook_subscriptions SET partner_active = true WHERE NOT partner_active");
                await release.ExecuteNonQueryAsync(cancellationToken);
            }
            var (cpuDatabaseBefore, cpuReceiverBefore) = cpu.Now();
            var cpuPlatformBefore = platform.Process.ProcessorTime();
            var deliveriesBefore = receiver.Deliveries;
            var deliveringFrom = clock.Elapsed;
            while (receiver.Deliveries < expected && clock.Elapsed < TimeSpan.FromMinutes(30))
            {
                await Task.Delay(1000, cancellationToken);
                if (platform.Process.HasExited)
                    throw new InvalidOperationException($"the platform exited:{Environment.NewLine}{platform.Process.Tail(300)}");
                if (!Console.IsOutputRedirected)
                    Console.Write($"\r  delivered:  {receiver.Deliveries:N0}/{expected:N0} at {clock.Elapsed.TotalSeconds:F0} s   ");
            }
            var done = clock.Elapsed;
            var (cpuDatabaseAfter, cpuReceiverAfter) = cpu.Now();
            var cpuPlatform = platform.Process.ProcessorTime() - cpuPlatformBefore;
            var measured = Math.Max(1, receiver.Deliveries - deliveriesBefore);
            if (!Console.IsOutputRedirected)
                Console.WriteLine();
            var lags = receiver.Lags(sent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  burst:      written in {written.TotalSeconds:F1} s ({burst / written.TotalSeconds:F0} changes/s); {receiver.Deliveries:N0} of {expected:N0} deliveries in {done.TotalSeconds:F1} s ({receiver.Deliveries / done.TotalSeconds:F0} deliveries/s); {receiver.RepeatsOrOutOfOrder:N0} requests repeated or out of order"));
            Console.WriteLine($"  lag:        {Percentiles(lags)} from the court's 2xx to each delivery");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  after the writes: {measured:N0} deliveries in {(done - deliveringFrom).TotalSeconds:F1} s ({measured / Math.Max(0.001, (done - deliveringFrom).TotalSeconds):F0}/s); CPU per delivery: platform {cpuPlatform.TotalMilliseconds / measured:F3} ms, PostgreSQL {(cpuDatabaseAfter - cpuDatabaseBefore).TotalMilliseconds / measured:F3} ms, receiver {(cpuReceiverAfter - cpuReceiverBefore).TotalMilliseconds / measured:F3} ms"));
            Console.WriteLine($"  load after: {Machine.LoadAverage()}");
            // A run with warnings (PostgreSQL refusing connections, deliveries stopping) is not a clean figure: shown with it.
            Console.WriteLine($"  platform's last lines:{Environment.NewLine}{platform.Process.Tail(15)}");
            await stopping.CancelAsync();
            await streaming.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        return 0;
    }

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
            return "none";
        var sorted = values.Order().ToList();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):F0} ms, p99 {At(0.99):F0} ms, max {sorted[^1]:F0} ms");
    }

    private static async Task SubscribeAsync(HttpClient partner, Uri url, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await partner.PostAsJsonAsync($"/api/v1/partners/{Partner}/webhooks", new JsonObject { ["url"] = url.ToString() }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"subscription refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static int sequence;

    private static async Task<(string Id, Guid Listing)> ListAsync(HttpClient court, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref sequence);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"440103{new DateOnly(1970, 1, 1).AddDays(n % 9000):yyyyMMdd}{n % 1000:D3}");
        var id = first17 + ResidentId.CheckCharacterFor(first17);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var caseNumber = $"({year})粤0103执{n + 100_000}号";
        var body = new JsonObject
        {
            ["subject"] = new JsonObject { ["name"] = "推送测试" },
            ["caseNumber"] = caseNumber,
            ["enforcementBasis"] = new JsonObject { ["issuer"] = "广州市荔湾区人民法院", ["documentNumber"] = "(2023)粤0103民初567号" },
            ["obligation"] = "支付货款100000元及利息",
            ["amountOwed"] = 100000.50m,
            ["performance"] = new JsonObject { ["status"] = "NotPerformed", ["amountPerformed"] = 0 },
            ["grounds"] = new JsonArray(new JsonObject { ["ground"] = "RefusesDespiteAbility", ["behaviour"] = "有履行能力而拒不履行生效法律文书确定义务" }),
            ["filingDate"] = $"{year}-01-02",
            ["publicationDate"] = today,
            ["decisionNumber"] = $"{caseNumber}之一",
            ["decisionDate"] = today,
            ["initiative"] = "CreditorApplication",
        };
        var response = await court.SendAsync(Change(HttpMethod.Post, $"/api/v1/subjects/resident-id/{id}/listings", body), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"listing refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (id, (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid());
    }

    /// <summary>A court's change, with the Idempotency-Key every change carries.</summary>
    private static HttpRequestMessage Change(HttpMethod method, string path, JsonNode body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException("an event never arrived");
            await Task.Delay(1, cancellationToken);
        }
    }

    /// <summary>The partner's event stream, with when each (type, listing) first arrived.</summary>
    private sealed class StreamFollower
    {
        private readonly ConcurrentDictionary<(string, Guid), long> seen = new();

        public long? Seen(string type, Guid listing) => seen.TryGetValue((type, listing), out var at) ? at : null;

        public async Task RunAsync(HttpClient partner, CancellationToken cancellationToken)
        {
            var head = (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/partners/{Partner}/changes?after=0&limit=1000", cancellationToken)).GetProperty("next").GetInt64();
            using var response = await partner.GetAsync($"/api/v1/partners/{Partner}/changes/stream?after={head}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            string? type = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    var listing = JsonDocument.Parse(line[6..]).RootElement.GetProperty("entry").GetProperty("listingId").GetGuid();
                    seen.TryAdd((type!, listing), Stopwatch.GetTimestamp());
                }
            }
        }
    }

    /// <summary>A webhook receiver answering 204 to everything, with when each (type, listing) first arrived at any
    /// subscription and at the last of them. It counts a delivery only when its position (in the webhook-id) is beyond the
    /// subscription's last one: a subscription's requests come one at a time, so anything else is a repeat or out of order.</summary>
    private sealed class Receiver(WebApplication app) : IAsyncDisposable
    {
        private ConcurrentDictionary<(string, Guid), long> first = new();
        private ConcurrentDictionary<Guid, long> last = new();
        private readonly ConcurrentDictionary<string, StrongBox<long>> positions = new(StringComparer.Ordinal);
        private long deliveries;
        private long repeats;

        public Uri Url { get; private set; } = null!;

        public long Deliveries => Interlocked.Read(ref deliveries);

        /// <summary>Requests whose event the subscription had already delivered, or that came after a later one.</summary>
        public long RepeatsOrOutOfOrder => Interlocked.Read(ref repeats);

        public long? Seen(string type, Guid listing) => first.TryGetValue((type, listing), out var at) ? at : null;

        public void Reset()
        {
            first = new();
            last = new();
            Interlocked.Exchange(ref deliveries, 0);
            Interlocked.Exchange(ref repeats, 0);
        }

        public List<double> Lags(ConcurrentDictionary<Guid, long> sent) =>
            [.. last.Where(l => sent.ContainsKey(l.Key)).Select(l => Stopwatch.GetElapsedTime(sent[l.Key], l.Value).TotalMilliseconds)];

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
                var at = Stopwatch.GetTimestamp();
                var id = http.Request.Headers["webhook-id"].ToString();
                var cut = id.LastIndexOf('_');
                var seen = receiver.positions.GetOrAdd(id[..cut], _ => new StrongBox<long>(long.MinValue));
                var position = long.Parse(id.AsSpan(cut + 1), CultureInfo.InvariantCulture);
                if (position <= seen.Value)
                {
                    Interlocked.Increment(ref receiver.repeats);
                    return Results.NoContent();
                }
                seen.Value = position;
                var listing = body.GetProperty("data").GetProperty("entry").GetProperty("listingId").GetGuid();
                receiver.first.TryAdd((body.GetProperty("type").GetString()!, listing), at);
                receiver.last[listing] = at;
                Interlocked.Increment(ref receiver.deliveries);
                return Results.NoContent();
            });
            await app.StartAsync();
            receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hook");
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
