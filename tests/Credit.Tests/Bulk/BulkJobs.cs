using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using CsvHelper;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>One line of a job's report CSV.</summary>
public sealed record ReportLine(int Line, string Action, string Number, string Outcome, string ItemId, string Kind, string Field, string Rule, string Column);

/// <summary>Submits bulk files as a court's system would and reads what came of them.</summary>
public static class BulkJobs
{
    public const string LiwanPath = "/api/v1/courts/%E7%B2%A40103/bulk-jobs";
    public const string IntermediatePath = "/api/v1/courts/%E7%B2%A401/bulk-jobs";

    /// <summary>GB18030, a superset of the GBK that Excel on Chinese Windows writes for "CSV (逗号分隔)".</summary>
    public static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;

    /// <summary>The CSV header in the Chinese a court's own system exports, for listings.</summary>
    public static readonly string[] ChineseListingHeader =
        ["操作", "证件类型", "证件号码", "姓名", "案号", "执行依据单位", "执行依据文号", "生效法律文书确定的义务", "欠款金额", "履行情况",
         "失信情形", "失信行为情形", "立案日期", "发布日期", "决定书文号", "决定日期", "启动方式"];

    /// <summary>A listing row under <see cref="ChineseListingHeader"/>, with the values of <see cref="CourtRequests.PersonListing"/>.</summary>
    public static string[] ListingRow(string residentId, string caseNumber, string name = "张三") =>
        ["列入失信名单", "居民身份证", residentId, name, caseNumber, "广州市荔湾区人民法院", "(2023)粤0103民初567号", "支付货款100000元及利息", "100000.50",
         "NotPerformed", "RefusesDespiteAbility", "有履行能力而拒不履行生效法律文书确定义务", $"{caseNumber[1..5]}-01-02", Today, $"{caseNumber}之一", Today,
         "CreditorApplication"];

    public static string Csv(IEnumerable<string[]> records)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                    csv.WriteField(field);
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>An NDJSON line carrying the single-change API's request body as it is.</summary>
    public static string NdjsonLine(string action, string documentType, string number, JsonNode request, string? caseNumber = null, string? itemId = null)
    {
        var line = new JsonObject { ["action"] = action, ["documentType"] = documentType, ["number"] = number, ["request"] = request.DeepClone() };
        if (caseNumber is not null)
            line["caseNumber"] = caseNumber;
        if (itemId is not null)
            line["itemId"] = itemId;
        return line.ToJsonString();
    }

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient court, string body, string contentType = "text/csv", string path = LiwanPath) =>
        court.SubmitBytesAsync(Encoding.UTF8.GetBytes(body), contentType, path);

    public static async Task<HttpResponseMessage> SubmitBytesAsync(this HttpClient court, byte[] body, string contentType, string path = LiwanPath)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await court.PostAsync(path, content);
    }

    /// <summary>Submits the file and returns the job's location once it is accepted with 202.</summary>
    public static Task<string> SubmitAcceptedAsync(this HttpClient court, string body, string contentType = "text/csv") =>
        court.SubmitAcceptedAsync(Encoding.UTF8.GetBytes(body), contentType);

    public static async Task<string> SubmitAcceptedAsync(this HttpClient court, byte[] body, string contentType)
    {
        var response = await court.SubmitBytesAsync(body, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.ToString();
    }

    public static async Task<JsonElement> WaitCompletedAsync(this HttpClient court, string job, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var response = await court.GetAsync(job);
            var progress = await response.JsonAsync();
            // Just after a (re)start the platform may answer 503 with Retry-After while it warms up; a client asks again.
            if (response.StatusCode == HttpStatusCode.OK && progress.GetProperty("state").GetString() == "Completed")
                return progress;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {progress}");
            Assert.True(DateTime.UtcNow < deadline, $"the job did not complete in time: {progress}");
            await Task.Delay(200);
        }
    }

    public static async Task<List<ReportLine>> ReportAsync(this HttpClient court, string job, bool problemsOnly = false)
    {
        var response = await court.GetAsync($"{job}/report{(problemsOnly ? "?problemsOnly=true" : "")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var lines = new List<ReportLine>();
        while (await csv.ReadAsync())
        {
            lines.Add(new ReportLine(csv.GetField<int>("line"), csv.GetField("action")!, csv.GetField("number")!, csv.GetField("outcome")!,
                csv.GetField("itemId")!, csv.GetField("kind")!, csv.GetField("field")!, csv.GetField("rule")!, csv.GetField("column")!));
        }
        return lines;
    }
}
