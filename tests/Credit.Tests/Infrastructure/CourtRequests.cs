using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credit.Tests.Infrastructure;

/// <summary>Valid request bodies a court clerk would send, and the calls that send them.</summary>
public static class CourtRequests
{
    public static string Today => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string CaseNumber(string court = "粤0103", int? year = null) =>
        $"({year ?? DateTime.UtcNow.AddHours(8).Year}){court}执{Identities.NextCaseSequence()}号";

    public static JsonObject PersonListing(string caseNumber, string name = "张三") => new()
    {
        ["subject"] = new JsonObject { ["name"] = name },
        ["caseNumber"] = caseNumber,
        ["enforcementBasis"] = new JsonObject { ["issuer"] = "广州市荔湾区人民法院", ["documentNumber"] = "(2023)粤0103民初567号" },
        ["obligation"] = "支付货款100000元及利息",
        ["amountOwed"] = 100000.50m,
        ["performance"] = new JsonObject { ["status"] = "NotPerformed", ["amountPerformed"] = 0 },
        ["grounds"] = new JsonArray(new JsonObject { ["ground"] = "RefusesDespiteAbility", ["behaviour"] = "有履行能力而拒不履行生效法律文书确定义务" }),
        ["filingDate"] = $"{caseNumber[1..5]}-01-02",
        ["publicationDate"] = Today,
        ["decisionNumber"] = $"{caseNumber}之一",
        ["decisionDate"] = Today,
        ["initiative"] = "CreditorApplication",
    };

    public static JsonObject EntityListing(string caseNumber, string representativeId, string name = "广州某某贸易有限公司")
    {
        var body = PersonListing(caseNumber, name);
        body["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", representativeId, "李四"));
        return body;
    }

    public static JsonObject Restriction(string caseNumber, string name = "张三") => new()
    {
        ["subject"] = new JsonObject { ["name"] = name },
        ["caseNumber"] = caseNumber,
        ["effectiveFrom"] = Today,
        ["orderNumber"] = $"{caseNumber}限制消费令",
        ["orderDate"] = Today,
    };

    /// <summary>A person who answers for an entity, by resident ID.</summary>
    public static JsonObject Responsible(string role, string residentId, string name) => new()
    {
        ["role"] = role,
        ["name"] = name,
        ["documentType"] = "resident-id",
        ["number"] = residentId,
    };

    public static JsonObject ExitBan(string caseNumber, string start, string end, string name = "张三") => new()
    {
        ["subject"] = new JsonObject { ["name"] = name },
        ["caseNumber"] = caseNumber,
        ["decisionNumber"] = $"{caseNumber}之一",
        // Decided in the case's year, before the ban starts.
        ["decisionDate"] = $"{caseNumber.Substring(caseNumber.IndexOfAny(['(', '（']) + 1, 4)}-01-01",
        ["startDate"] = start,
        ["endDate"] = end,
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, JsonNode body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static string Person(string id) => $"/api/v1/subjects/resident-id/{id}";

    public static string Entity(string code) => $"/api/v1/subjects/credit-code/{code}";
}
