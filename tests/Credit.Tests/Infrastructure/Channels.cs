using System.Net;
using System.Text.Json;
using Credit.Tests.Agencies;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Infrastructure;

/// <summary>What each channel of a running platform says of a subject, over HTTP: the court's own view, public search and the
/// public listing, the agencies' checks, snapshots (NDJSON and CSV) and changes.</summary>
public sealed class Channels(RunningPlatform platform)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public HttpClient Court { get; } = platform.Client(PlatformFixture.Liwan);

    private readonly HttpClient publicClient = platform.Client();

    /// <summary>The subject as its court sees it; null when it has no state.</summary>
    public async Task<JsonElement?> CourtViewAsync(string id)
    {
        var response = await Court.GetAsync(Person(id), Cancellation);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.JsonAsync();
    }

    /// <summary>The ids of the court view's active listings.</summary>
    public static string[] ActiveListings(JsonElement? subject) =>
        subject is { } s ? [.. s.GetProperty("listings").EnumerateArray().Where(l => l.GetProperty("status").GetString() == "Active").Select(l => l.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)] : [];

    public async Task<JsonElement[]> PublicSearchAsync(string query)
    {
        var response = await publicClient.GetAsync($"/api/v1/public/listings?{query}&limit=50", Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"public search {query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    public Task<JsonElement[]> PublicByIdAsync(string id) => PublicSearchAsync($"idNumber={id}");

    public Task<JsonElement[]> PublicByNameAsync(string name) => PublicSearchAsync($"name={Uri.EscapeDataString(name)}");

    public async Task<JsonElement?> PublicListingAsync(string listingId)
    {
        var response = await publicClient.GetAsync($"/api/v1/public/listings/{listingId}", Cancellation);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.JsonAsync();
    }

    /// <summary>The agency's check of <paramref name="id"/> once it says <paramref name="status"/>: the check index follows the
    /// read model's changes a few milliseconds behind.</summary>
    public async Task<JsonElement> CheckAsync(string key, string agency, string id, string status)
    {
        var client = platform.Client(key);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync(AgencyKeys.Path(agency, $"/checks/{id}"), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.JsonAsync();
            if (result.GetProperty("status").GetString() == status)
                return result;
            Assert.True(DateTime.UtcNow < deadline, $"{agency} still answers {result} for {id}, expected {status}");
            await Task.Delay(50, Cancellation);
        }
    }

    /// <summary>The agency's NDJSON snapshot: its position and its entries by ID number.</summary>
    public async Task<(long Position, Dictionary<string, JsonElement> Entries)> SnapshotAsync(string key, string agency)
    {
        var response = await platform.Client(key).GetAsync(AgencyKeys.Path(agency, "/snapshot"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var position = long.Parse(response.Headers.GetValues("Credit-Log-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonDocument.Parse(line).RootElement.Clone();
            entries[entry.GetProperty("idNumber").GetString()!] = entry;
        }
        return (position, entries);
    }

    /// <summary>The agency's CSV snapshot: the header's columns and each line's fields (RFC 4180 quoting undone).</summary>
    public async Task<(string[] Header, List<string[]> Lines)> CsvSnapshotAsync(string key, string agency)
    {
        var response = await platform.Client(key).GetAsync(AgencyKeys.Path(agency, "/snapshot?format=csv"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Fields).ToList();
        return (lines[0], lines[1..]);
    }

    /// <summary>The agency's changes after <paramref name="after"/>, in order.</summary>
    public async Task<List<JsonElement>> ChangesAsync(string key, string agency, long after)
    {
        var response = await platform.Client(key).GetAsync(AgencyKeys.Path(agency, $"/changes?after={after}&limit=1000"), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("changes").EnumerateArray()];
    }

    /// <summary>The readiness answer: overall status and each check's.</summary>
    public async Task<JsonElement> ReadinessAsync() => await (await publicClient.GetAsync("/health/ready", Cancellation)).JsonAsync();

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
