using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>Every court reads a subject's history and the enforcing court's queue shows the receipt, so neither the history nor the
/// receipt may be what lets someone act as the applicant: the history names the objection by a reference, and the applicant's
/// request for reconsideration (Art. 12) needs the code only the filing's answer gave.</summary>
public sealed class ObjectionApplicantCodeTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    [Fact]
    public async Task Subjects_history_read_by_an_unrelated_court_names_the_objection_without_its_receipt()
    {
        var (id, caseNumber, _) = await platform.ListAsync("韩史记");
        var receipt = await platform.FileAsync(id, caseNumber, "韩史记");

        var history = await (await platform.OtherDistrict.GetAsync($"{Person(id)}/history")).Content.ReadAsStringAsync();
        Assert.Contains("ObjectionFiled", history);
        Assert.DoesNotContain(receipt, history);
        // The handling court matches the history to its queue by the reference both show.
        var reference = (await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt)).GetProperty("reference").GetString()!;
        Assert.Matches("^[0-9A-F]{8}$", reference);
        Assert.Contains($"objection ref {reference}:", history);
    }

    [Fact]
    public async Task Reconsideration_needs_the_applicant_code_the_filing_answered_not_just_the_receipt_Art12()
    {
        var (id, caseNumber, _) = await platform.ListAsync("韩复议");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "韩复议");
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{8}$", code);
        // The code is in the 201 only: neither the receipt's view nor the courts' view shows it.
        var shown = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("applicantCode").ValueKind);
        Assert.DoesNotContain(code, await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        var ask = $"/api/v1/public/objections/{receipt}/reconsideration";

        var missing = await platform.Public.PostAsync(ask, new JsonObject { ["grounds"] = "不服驳回。" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.JsonAsync()).GetProperty("errors").TryGetProperty("applicantCode", out _));
        var malformed = await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("不服驳回。", "12"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True((await malformed.JsonAsync()).GetProperty("errors").TryGetProperty("applicantCode", out _));
        var wrong = await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("不服驳回。", code == "00000000" ? "11111111" : "00000000"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("applicantCode", (await wrong.JsonAsync()).GetProperty("field").GetString());
        Assert.Equal("Rejected", (await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync()).GetProperty("status").GetString());

        // Written as the applicant may copy it: lower case, split in two.
        var asked = await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("不服驳回。", $"{code[..4].ToLowerInvariant()}-{code[4..]}"));
        Assert.True(asked.StatusCode == HttpStatusCode.OK, $"{asked.StatusCode}: {await asked.Content.ReadAsStringAsync()}\n{platform.Errors}");
        Assert.Equal("UnderReconsideration", (await asked.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Retried_filing_answers_the_same_applicant_code_under_its_key_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("韩重发");
        var key = Guid.NewGuid().ToString();
        var body = ObjectionFixture.Objection(id, caseNumber, "韩重发");

        var first = await (await platform.Public.PostAsync("/api/v1/public/objections", body, key)).JsonAsync();
        var retried = await platform.Public.PostAsync("/api/v1/public/objections", body, key);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var again = await retried.JsonAsync();
        Assert.Equal(first.GetProperty("receipt").GetString(), again.GetProperty("receipt").GetString());
        Assert.Equal(first.GetProperty("applicantCode").GetString(), again.GetProperty("applicantCode").GetString());
    }
}
