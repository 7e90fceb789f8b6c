using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Bench.Agencies.Platform;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>The Liwan court's clerk through the court API: lists a person (which also restricts consumption,
/// consumption rules Art. 1) and removes the listing for full performance (Art. 10, which lifts the restriction too).</summary>
public sealed class CourtClient(HttpClient http, Uri platform, DateOnly today)
{
    private int sequence = Random.Shared.Next(100_000, 800_000);

    /// <summary>Lists the person; returns the listing's ID and when the 2xx arrived.</summary>
    public async Task<(Guid ListingId, long At)> ListAsync(string residentId, string name, CancellationToken cancellationToken)
    {
        var filed = today.AddDays(-30);
        var caseNumber = $"({filed.Year}){AgencyKeysForBench.CourtCode}执{Interlocked.Increment(ref sequence)}号";
        var body = new JsonObject
        {
            ["subject"] = new JsonObject { ["name"] = name },
            ["caseNumber"] = caseNumber,
            ["enforcementBasis"] = new JsonObject { ["issuer"] = "广州市荔湾区人民法院", ["documentNumber"] = $"({filed.Year - 1})粤0103民初567号" },
            ["obligation"] = "支付货款100000元及利息",
            ["amountOwed"] = 100000.50m,
            ["performance"] = new JsonObject { ["status"] = "NotPerformed", ["amountPerformed"] = 0 },
            ["grounds"] = new JsonArray(new JsonObject { ["ground"] = "RefusesDespiteAbility", ["behaviour"] = "有履行能力而拒不履行生效法律文书确定义务" }),
            ["filingDate"] = filed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["publicationDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["decisionNumber"] = $"{caseNumber}之一",
            ["decisionDate"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["initiative"] = "CreditorApplication",
        };
        var (at, answer) = await PostAsync($"/api/v1/subjects/resident-id/{residentId}/listings", body, cancellationToken);
        return (answer.GetProperty("id").GetGuid(), at);
    }

    /// <summary>Removes the listing; returns when the 2xx arrived.</summary>
    public async Task<long> RemoveAsync(string residentId, Guid listingId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["reason"] = "FullPerformance", ["explanation"] = "被执行人已全部履行（性能测试）" };
        return (await PostAsync($"/api/v1/subjects/resident-id/{residentId}/listings/{listingId}/removal", body, cancellationToken)).At;
    }

    private async Task<(long At, JsonElement Answer)> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", AgencyKeysForBench.Court);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var at = Stopwatch.GetTimestamp();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        return (at, answer.RootElement.Clone());
    }
}
