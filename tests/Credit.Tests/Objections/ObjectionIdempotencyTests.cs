using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>Every step on an objection under an Idempotency-Key, as every court change: a retry with the same key and body is
/// answered as the first was and changes nothing; the same key with another body is refused (409), a step without a key too
/// (400). Filing likewise: a double submission files one objection with one receipt.</summary>
public sealed class ObjectionIdempotencyTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    [Fact]
    public async Task Retried_review_is_answered_as_the_first_and_the_key_reused_for_another_decision_is_refused()
    {
        var (id, caseNumber, _) = await platform.ListAsync("孙重试");
        var receipt = await platform.FileAsync(id, caseNumber, "孙重试");
        var review = $"/api/v1/objections/{receipt}/review";
        var key = Guid.NewGuid().ToString();

        var first = await platform.Liwan.PostAsync(review, ObjectionFixture.Decision("Reject"), key);
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"{first.StatusCode}: {await first.Content.ReadAsStringAsync()}\n{platform.Errors}");
        var retried = await platform.Liwan.PostAsync(review, ObjectionFixture.Decision("Reject"), key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());

        var reused = await platform.Liwan.PostAsync(review, ObjectionFixture.Decision("Uphold", "Revoke"), key);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("Idempotency-Key", (await reused.JsonAsync()).GetProperty("field").GetString());
        // A new decision under a new key meets the stage the first one left: decided already.
        Assert.Equal(HttpStatusCode.Conflict, (await platform.Liwan.PostAsync(review, ObjectionFixture.Decision("Reject"))).StatusCode);

        var keyless = await platform.Liwan.PostAsJsonAsync(review, ObjectionFixture.Decision("Reject"));
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Contains("Idempotency-Key", await keyless.Content.ReadAsStringAsync());

        var court = (await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync()).GetProperty("objection");
        Assert.Equal("Rejected", court.GetProperty("status").GetString());
        Assert.Equal(2, court.GetProperty("steps").GetArrayLength());
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ObjectionRejected");
    }

    [Fact]
    public async Task Retried_reconsideration_decision_and_revocation_on_its_order_are_answered_as_the_first_Art12()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("周复议");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "周复议");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        // The applicant's request, sent twice under one key, is one request (Art. 12); another under the same key is refused.
        var askKey = Guid.NewGuid().ToString();
        var ask = $"/api/v1/public/objections/{receipt}/reconsideration";
        Assert.Equal(HttpStatusCode.OK, (await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("执行法院未审查付款凭证。", code), askKey)).StatusCode);
        var askedAgain = await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("执行法院未审查付款凭证。", code), askKey);
        Assert.Equal(HttpStatusCode.OK, askedAgain.StatusCode);
        Assert.Equal("UnderReconsideration", (await askedAgain.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await platform.Public.PostAsync(ask, ObjectionFixture.Reconsideration("另一理由。", code), askKey)).StatusCode);

        var decision = $"/api/v1/objections/{receipt}/reconsideration-decision";
        var orderKey = Guid.NewGuid().ToString();
        var ordered = await platform.Intermediate.PostAsync(decision, ObjectionFixture.Decision("Uphold", "Revoke"), orderKey);
        Assert.True(ordered.StatusCode == HttpStatusCode.OK, $"{ordered.StatusCode}: {await ordered.Content.ReadAsStringAsync()}\n{platform.Errors}");
        var again = await platform.Intermediate.PostAsync(decision, ObjectionFixture.Decision("Uphold", "Revoke"), orderKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await ordered.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        var reused = await platform.Intermediate.PostAsync(decision, ObjectionFixture.Decision("Reject"), orderKey);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("Idempotency-Key", (await reused.JsonAsync()).GetProperty("field").GetString());

        var revocation = $"/api/v1/objections/{receipt}/revocation";
        var revokeKey = Guid.NewGuid().ToString();
        var body = new JsonObject { ["explanation"] = "依复议决定撤销名单信息" };
        var revoked = await platform.Intermediate.PostAsync(revocation, body, revokeKey);
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, $"{revoked.StatusCode}: {await revoked.Content.ReadAsStringAsync()}\n{platform.Errors}");
        var revokedAgain = await platform.Intermediate.PostAsync(revocation, body, revokeKey);
        Assert.Equal(HttpStatusCode.OK, revokedAgain.StatusCode);
        Assert.Equal("Remedied", (await revokedAgain.JsonAsync()).GetProperty("objection").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await platform.Intermediate.PostAsync(revocation, new JsonObject { ["explanation"] = "另一次撤销" }, revokeKey)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await platform.Public.GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        var kinds = history.EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Single(kinds, k => k == "ReconsiderationRequested");
        Assert.Single(kinds, k => k == "ObjectionCorrectionOrdered");
        Assert.Single(kinds, k => k == "ListingRemoved");
        Assert.Single(kinds, k => k == "ObjectionRemedied");
    }

    [Fact]
    public async Task Double_submitted_objection_is_filed_once_with_one_receipt_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("吴双击");
        var key = Guid.NewGuid().ToString();
        var body = ObjectionFixture.Objection(id, caseNumber, "吴双击");

        // Two clicks a moment apart: both requests in flight together, then the form sent again.
        var both = await Task.WhenAll(platform.Public.PostAsync("/api/v1/public/objections", body, key), platform.Public.PostAsync("/api/v1/public/objections", body, key));
        foreach (var answer in both)
            Assert.True(answer.StatusCode == HttpStatusCode.Created, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}\n{platform.Errors}");
        var receipts = await Task.WhenAll(both.Select(async a => (await a.JsonAsync()).GetProperty("receipt").GetString()));
        Assert.Equal(receipts[0], receipts[1]);
        var resent = await platform.Public.PostAsync("/api/v1/public/objections", body, key);
        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        Assert.Equal(receipts[0], (await resent.JsonAsync()).GetProperty("receipt").GetString());

        // The same key for another filing is refused; the court has one objection, the subject's history one filing.
        var other = ObjectionFixture.Objection(id, caseNumber, "吴双击");
        other["grounds"] = "另一份异议理由。";
        var reused = await platform.Public.PostAsync("/api/v1/public/objections", other, key);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("Idempotency-Key", (await reused.JsonAsync()).GetProperty("field").GetString());
        var queue = await (await platform.Liwan.GetAsync("/api/v1/objections")).JsonAsync();
        Assert.Single(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("caseNumber").GetString() == caseNumber);
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ObjectionFiled");

        var keyless = await platform.Public.PostAsJsonAsync("/api/v1/public/objections", body);
        Assert.Equal(HttpStatusCode.BadRequest, keyless.StatusCode);
        Assert.Contains("Idempotency-Key", await keyless.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refused_filing_leaves_its_key_free_for_the_corrected_form()
    {
        var (id, caseNumber, _) = await platform.ListAsync("郑改正");
        var key = Guid.NewGuid().ToString();

        var wrongName = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, "郑别名"), key);
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        var corrected = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, "郑改正"), key);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }
}
