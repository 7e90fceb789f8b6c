using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.ReadModels.ApiKeys;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Partners;

/// <summary>A platform with a partner file of its own: an app granted the public fields and the residence, a telecom operator
/// granted only phone numbers, a partner allowed webhooks only. Tests list subjects of their own and look only at their own
/// listings. Webhooks may go to 127.0.0.1 over plain http (the receivers'), and nowhere else internal. Webhook retries are quick here (0.2 s doubling to 1 s); the retry period is the real one, passed by moving the
/// clock.</summary>
public sealed class PartnerFixture(TestPostgres postgres) : IAsyncLifetime
{
    public const string AppKey = "test-app-key";
    public const string TelecomKey = "test-telecom-key";
    public const string WebhookOnlyKey = "test-webhook-only-key";
    public const string PhotosKey = "test-photos-key";

    private readonly string folder = Directory.CreateTempSubdirectory("credit-partners-").FullName;

    public RunningPlatform Platform { get; private set; } = null!;

    public TravellingClock Clock { get; } = new();

    /// <summary>What the platform logged at Warning and above, for a test's failure message.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The last errors the platform logged, for a failure message.</summary>
    public string LastErrors() => string.Join("\n", Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal)).TakeLast(5));

    public string ConnectionString { get; private set; } = "";

    public string PartnerFile => Path.Combine(folder, "partners.json");

    public async ValueTask InitializeAsync()
    {
        var file = new JsonObject
        {
            ["partners"] = new JsonArray(
                new JsonObject
                {
                    ["code"] = "app", ["nameZh"] = "测试客户端", ["kind"] = "App",
                    ["fields"] = new JsonArray("Name", "MaskedId", "AmountOwed", "CourtAndCase", "Residence"),
                    ["delivery"] = new JsonArray("Pull", "Sse", "Webhook"),
                },
                new JsonObject
                {
                    ["code"] = "telecom", ["nameZh"] = "测试电信运营商", ["kind"] = "Telecom",
                    ["fields"] = new JsonArray("Phones"),
                    ["filter"] = new JsonObject { ["personsOnly"] = true, ["phoneRequired"] = true },
                    ["delivery"] = new JsonArray("Pull", "Webhook"),
                },
                new JsonObject
                {
                    ["code"] = "webhook-only", ["nameZh"] = "只收推送的合作方", ["kind"] = "WeChat",
                    ["fields"] = new JsonArray("Name"),
                    ["delivery"] = new JsonArray("Webhook"),
                },
                new JsonObject
                {
                    ["code"] = "photos", ["nameZh"] = "展示照片的合作方", ["kind"] = "WeChat",
                    ["fields"] = new JsonArray("Name", "Photo"),
                    ["filter"] = new JsonObject { ["regions"] = new JsonArray("4401") },
                    ["delivery"] = new JsonArray("Pull", "Webhook"),
                }),
        };
        await File.WriteAllTextAsync(PartnerFile, file.ToJsonString());
        ConnectionString = await postgres.CreateDatabaseAsync(migrate: true);
        await using (var database = NpgsqlDataSource.Create(ConnectionString))
        {
            await PartnerKeys.AddAsync(database, "app", AppKey, "test app");
            await PartnerKeys.AddAsync(database, "telecom", TelecomKey, "test telecom");
            await PartnerKeys.AddAsync(database, "webhook-only", WebhookOnlyKey, "test webhook only");
            await PartnerKeys.AddAsync(database, "photos", PhotosKey, "test photos");
        }
        Platform = await StartAsync();
    }

    private Task<RunningPlatform> StartAsync() => RunningPlatform.StartAsync(ConnectionString,
        builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Logging.AddProvider(Logs);
        }, seedDemoKeys: true,
        "--Credit:Partners:PartnerFile", PartnerFile,
        "--Credit:Partners:Webhooks:FirstRetryDelay", "00:00:00.2",
        "--Credit:Partners:Webhooks:MaximumRetryDelay", "00:00:01",
        // The tests' receivers listen on loopback over plain http: allowed for this address as written, nothing else.
        "--Credit:Partners:Webhooks:Targets:AllowedHosts:0", "127.0.0.1");

    public async Task RestartAsync()
    {
        await Platform.DisposeAsync();
        Platform = await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Platform.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    public HttpClient Court => Platform.Client(PlatformFixture.Liwan);

    public HttpClient App => Platform.Client(AppKey);

    public HttpClient Telecom => Platform.Client(TelecomKey);

    public HttpClient Photos => Platform.Client(PhotosKey);

    /// <summary>Lists a person whose ID was issued in <paramref name="region"/>; returns the ID and the listing's id.</summary>
    public async Task<(string Id, Guid ListingId)> ListAsync(string region, string name, decimal amountOwed = 100_000.50m)
    {
        var id = Identities.AdultResidentIdIn(region);
        var body = PersonListing(CaseNumber(), name);
        body["amountOwed"] = amountOwed;
        var response = await Court.PostAsync($"{Person(id)}/listings", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"the court's listing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nthe platform's last errors:\n{LastErrors()}");
        return (id, (await response.JsonAsync()).GetProperty("id").GetGuid());
    }

    public async Task RemoveAsync(string id, Guid listingId)
    {
        var response = await Court.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task RecordResidenceAsync(string id, double latitude, double longitude, string region = "440103", string? street = "沙面街道")
    {
        var response = await Court.PutAsJsonAsync($"{Person(id)}/residence",
            new JsonObject { ["regionCode"] = region, ["street"] = street, ["latitude"] = latitude, ["longitude"] = longitude });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async Task RecordPhonesAsync(string id, params string[] phones)
    {
        var response = await Court.PutAsJsonAsync($"{Person(id)}/phones", new JsonObject { ["phones"] = new JsonArray([.. phones.Select(p => (JsonNode)p)]) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The partner's changes after <paramref name="after"/> that concern <paramref name="listings"/>, once
    /// <paramref name="done"/> holds of them (asked for again until it does, at most 15 s).</summary>
    public static async Task<List<JsonElement>> ChangesWhenAsync(HttpClient partner, string code, long after, IReadOnlyCollection<Guid> listings,
        Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var changes = new List<JsonElement>();
            var position = after;
            while (true)
            {
                var response = await partner.GetAsync($"/api/v1/partners/{code}/changes?after={position}&limit=1000");
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                var page = await response.JsonAsync();
                var items = page.GetProperty("changes").EnumerateArray().ToList();
                changes.AddRange(items.Where(c => listings.Contains(c.GetProperty("entry").GetProperty("listingId").GetGuid())));
                var next = page.GetProperty("next").GetInt64();
                if (next == position)
                    break;
                position = next;
            }
            if (done(changes))
                return changes;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The changes never met the condition; they were {string.Join(", ", changes)}");
            await Task.Delay(100);
        }
    }

    /// <summary>For a test that waited in vain: where the listing got to on its way to the partners, read from the database
    /// (published, in the change log and readable past its horizon, projected for the partners), and what the database's
    /// other sessions were doing.</summary>
    public async Task<string> WhereIsAsync(Guid listing)
    {
        await using var database = NpgsqlDataSource.Create(ConnectionString);
        var lines = new List<string>();
        await ReadAsync("published", "SELECT subject_key, publication_date, period_end FROM public_listings WHERE listing_id = $1", listing);
        await ReadAsync("change log", """
            SELECT c.position, c.kind, c.writer, c.writer < change_log_horizon() AS readable, change_log_horizon() AS horizon
            FROM change_log c JOIN public_listings l ON l.subject_key = c.subject_key WHERE l.listing_id = $1 ORDER BY c.position
            """, listing);
        await ReadAsync("change log of the subject (by its removal)", """
            SELECT c.position, c.kind, c.writer FROM change_log c
            WHERE c.subject_key IN (SELECT subject_key FROM listing_removals WHERE listing_id = $1) ORDER BY c.position
            """, listing);
        await ReadAsync("partner head", "SELECT last, log_position, records_position, day, $1::uuid IS NOT NULL FROM partner_feed_head", listing);
        await ReadAsync("partner changes", "SELECT position, before IS NULL, after IS NULL FROM partner_changes WHERE listing_id = $1", listing);
        await ReadAsync("publication failures", "SELECT subject_key, stored_version, attempts, last_error FROM publication_failures WHERE $1::uuid IS NOT NULL", listing);
        await ReadAsync("sessions", """
            SELECT pid, state, backend_xid, now() - xact_start AS open_for, wait_event_type, wait_event, left(query, 120)
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND $1::uuid IS NOT NULL
            """, listing);
        return string.Join("\n", lines);

        async Task ReadAsync(string what, string sql, Guid id)
        {
            try
            {
                await using var command = database.CreateCommand(sql);
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
                lines.Add($"{what}: {(rows.Count == 0 ? "none" : string.Join("; ", rows))}");
            }
            catch (Exception error) when (error is NpgsqlException or InvalidOperationException)
            {
                lines.Add($"{what}: could not be read ({error.Message})");
            }
        }
    }

    /// <summary>The partner's snapshot: its position and the entries, by listing.</summary>
    public static async Task<(long Position, Dictionary<Guid, JsonElement> Entries)> SnapshotAsync(HttpClient partner, string code)
    {
        var response = await partner.GetAsync($"/api/v1/partners/{code}/snapshot");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var position = long.Parse(response.Headers.GetValues("Credit-Partner-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var entries = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).ToDictionary(e => e.GetProperty("listingId").GetGuid());
        return (position, entries);
    }
}

[CollectionDefinition(Name)]
public sealed class PartnerCollection : ICollectionFixture<PartnerFixture>
{
    public const string Name = "partners";
}
