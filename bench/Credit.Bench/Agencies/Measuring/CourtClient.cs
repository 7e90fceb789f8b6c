using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Bench.Agencies.Platform;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>What the platform answered a court: the status, when the response headers arrived, and the body (JSON, or
/// null when it was empty or not JSON).</summary>
public sealed record CourtAnswer(HttpStatusCode Status, long At, JsonElement? Body, string Text)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>A court's clerk through the court API (by default the Liwan court's): lists a person (which also restricts
/// consumption, consumption rules Art. 1), restricts a person's consumption alone, and removes a listing for full
/// performance (Art. 10, which lifts the restriction too). Bodies as tests/Credit.Tests/Infrastructure/CourtRequests.cs
/// builds them, each case number new.</summary>
public sealed class CourtClient(HttpClient http, Uri platform, DateOnly today, string courtKey = AgencyKeysForBench.Court,
    string courtCode = AgencyKeysForBench.CourtCode)
{
    private int sequence = Random.Shared.Next(100_000, 800_000);

    /// <summary>Lists the person; returns the listing's ID and when the 2xx arrived, or throws on any other answer.</summary>
    public async Task<(Guid ListingId, long At)> ListAsync(string residentId, string name, CancellationToken cancellationToken)
    {
        var answer = Succeeded(await TryListAsync(residentId, name, cancellationToken), "listing");
        return (answer.Body!.Value.GetProperty("id").GetGuid(), answer.At);
    }

    /// <summary>Removes the listing; returns when the 2xx arrived, or throws on any other answer.</summary>
    public async Task<long> RemoveAsync(string residentId, Guid listingId, CancellationToken cancellationToken) =>
        Succeeded(await TryRemoveAsync(residentId, listingId, cancellationToken), "removal").At;

    public Task<CourtAnswer> TryListAsync(string residentId, string name, CancellationToken cancellationToken)
    {
        var filed = today.AddDays(-30);
        var caseNumber = NextCaseNumber(filed.Year);
        var body = new JsonObject
        {
            ["subject"] = new JsonObject { ["name"] = name },
            ["caseNumber"] = caseNumber,
            ["enforcementBasis"] = new JsonObject { ["issuer"] = "广州市荔湾区人民法院", ["documentNumber"] = $"({filed.Year - 1})粤0103民初567号" },
            ["obligation"] = "支付货款100000元及利息",
            ["amountOwed"] = 100000.50m,
            ["performance"] = new JsonObject { ["status"] = "NotPerformed", ["amountPerformed"] = 0 },
            ["grounds"] = new JsonArray(new JsonObject { ["ground"] = "RefusesDespiteAbility", ["behaviour"] = "有履行能力而拒不履行生效法律文书确定义务" }),
            ["filingDate"] = Day(filed),
            ["publicationDate"] = Day(today),
            ["decisionNumber"] = $"{caseNumber}之一",
            ["decisionDate"] = Day(today),
            ["initiative"] = "CreditorApplication",
        };
        return PostAsync($"/api/v1/subjects/resident-id/{residentId}/listings", body, cancellationToken);
    }

    /// <summary>A restriction order standing alone: the debtor missed the execution notice's deadline (consumption rules Art. 1).</summary>
    public Task<CourtAnswer> TryRestrictAsync(string residentId, string name, CancellationToken cancellationToken)
    {
        var caseNumber = NextCaseNumber(today.Year);
        var body = new JsonObject
        {
            ["subject"] = new JsonObject { ["name"] = name },
            ["caseNumber"] = caseNumber,
            ["effectiveFrom"] = Day(today),
            ["orderNumber"] = $"{caseNumber}限制消费令",
            ["orderDate"] = Day(today),
        };
        return PostAsync($"/api/v1/subjects/resident-id/{residentId}/restrictions", body, cancellationToken);
    }

    public Task<CourtAnswer> TryRemoveAsync(string residentId, Guid listingId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "被执行人已全部履行（性能测试）" };
        return PostAsync($"/api/v1/subjects/resident-id/{residentId}/listings/{listingId}/removal", body, cancellationToken);
    }

    private string NextCaseNumber(int year) => $"({year}){courtCode}执{Interlocked.Increment(ref sequence)}号";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CourtAnswer Succeeded(CourtAnswer answer, string what) =>
        answer.Succeeded ? answer : throw new InvalidOperationException($"the {what} was answered {(int)answer.Status}: {answer.Text}");

    private async Task<CourtAnswer> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", courtKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var at = Stopwatch.GetTimestamp();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? answer = null;
        try
        {
            if (text.Length > 0)
            {
                using var document = JsonDocument.Parse(text);
                answer = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status and the text say what happened.
        }
        return new CourtAnswer(response.StatusCode, at, answer, text);
    }
}
