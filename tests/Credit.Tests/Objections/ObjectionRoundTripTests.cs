using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>Objections over real HTTP, the platform's clock taken through the 2026 calendar: review within 15 days (Art. 11),
/// reconsideration by the next-higher court (Art. 12), correction or revocation within 3 working days (Art. 9), overdue
/// items flagged, the listing in force meanwhile and every step in the subject's history.</summary>
public sealed class ObjectionRoundTripTests(SummerObjectionFixture platform) : IClassFixture<SummerObjectionFixture>
{
    [Fact]
    public async Task Objection_goes_through_review_reconsideration_and_the_higher_courts_own_correction_over_National_Day_Arts11_12()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync();

        // Monday 24 August: filed; the review is due 15 days on, Tuesday 8 September.
        platform.Today("2026-08-24");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber);
        var filed = await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt);
        Assert.Equal("UnderReview", filed.GetProperty("status").GetString());
        Assert.Equal("Review", filed.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("2026-09-08", filed.GetProperty("deadline").GetProperty("due").GetString());
        Assert.False(filed.GetProperty("deadline").GetProperty("overdue").GetBoolean());
        // Art. 11: the listing stays in force during the review.
        Assert.Equal(HttpStatusCode.OK, (await platform.Public.GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);

        // Wednesday 9 September: the review is a day late, and flagged so.
        platform.Today("2026-09-09");
        var late = await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt);
        Assert.True(late.GetProperty("deadline").GetProperty("overdue").GetBoolean());
        Assert.True((await (await platform.Liwan.GetAsync("/api/v1/objections")).JsonAsync()).GetProperty("overdue").GetInt32() >= 1);

        // Another district court may neither decide nor read it; the enforcing court rejects.
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OtherDistrict.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OtherDistrict.GetAsync($"/api/v1/objections/{receipt}")).StatusCode);
        var rejected = await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        // The applicant's 10 days end on Saturday 19 September, a rest day; the next working day is the make-up Sunday 20.
        var status = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal("Rejected", status.GetProperty("status").GetString());
        Assert.Equal("ReconsiderationRequest", status.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("2026-09-20", status.GetProperty("deadline").GetProperty("due").GetString());

        // Friday 18 September: reconsideration asked of 粤01, due 15 days on: 3 October is a holiday, so Thursday 8 October.
        platform.Today("2026-09-18");
        var asked = await platform.Public.PostAsync($"/api/v1/public/objections/{receipt}/reconsideration", ObjectionFixture.Reconsideration("执行法院未审查付款凭证。", code));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("粤01", (await asked.JsonAsync()).GetProperty("reconsideringCourt").GetString());
        var higher = await ObjectionFixture.QueueItemAsync(platform.Intermediate, receipt);
        Assert.Equal("Reconsideration", higher.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("2026-10-08", higher.GetProperty("deadline").GetProperty("due").GetString());
        Assert.Equal("粤01", higher.GetProperty("waitingOn").GetString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/reconsideration-decision", ObjectionFixture.Decision("Uphold", "Correct"))).StatusCode);

        // Before any order, the own-court rule keeps 粤01 out of Liwan's listing.
        var correction = new JsonObject { ["explanation"] = "依复议决定更正履行情况", ["performance"] = new JsonObject { ["status"] = "PartlyPerformed", ["amountPerformed"] = 50000 } };
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Intermediate.PostAsync($"{Person(id)}/listings/{listingId}/corrections", correction)).StatusCode);

        // Wednesday 30 September: 粤01 orders the correction; 3 working days: 1–7 October rest, Thursday 8, Friday 9, Saturday 10 (worked).
        platform.Today("2026-09-30");
        var ordered = await platform.Intermediate.PostAsync($"/api/v1/objections/{receipt}/reconsideration-decision", ObjectionFixture.Decision("Uphold", "Correct"));
        Assert.Equal(HttpStatusCode.OK, ordered.StatusCode);
        var due = await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt);
        Assert.Equal("CorrectionOrdered", due.GetProperty("status").GetString());
        Assert.Equal("Correction", due.GetProperty("deadline").GetProperty("kind").GetString());
        Assert.Equal("2026-10-10", due.GetProperty("deadline").GetProperty("due").GetString());

        // The order lets 粤01 correct, not revoke; it corrects on Friday 9 October, in time.
        platform.Today("2026-10-09");
        Assert.False((await ObjectionFixture.QueueItemAsync(platform.Intermediate, receipt)).GetProperty("deadline").GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict,
            (await platform.Intermediate.PostAsync($"/api/v1/objections/{receipt}/revocation", new JsonObject { ["explanation"] = "撤销" })).StatusCode);
        var corrected = await platform.Intermediate.PostAsync($"/api/v1/objections/{receipt}/correction", correction);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Remedied", (await corrected.JsonAsync()).GetProperty("objection").GetProperty("status").GetString());
        var listing = await (await platform.Liwan.GetAsync($"{Person(id)}/listings/{listingId}")).JsonAsync();
        Assert.Equal("PartlyPerformed", listing.GetProperty("performance").GetProperty("status").GetString());
        Assert.Equal("Active", listing.GetProperty("status").GetString());

        // Exactly this much: once carried out, the order lets 粤01 change nothing more in Liwan's case.
        correction["explanation"] = "再次更正";
        correction["performance"] = new JsonObject { ["status"] = "PartlyPerformed", ["amountPerformed"] = 60000 };
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Intermediate.PostAsync($"{Person(id)}/listings/{listingId}/corrections", correction)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Intermediate.PostAsync($"{Person(id)}/listings/{listingId}/removal",
            new JsonObject { ["reason"] = "ObjectionUpheld", ["explanation"] = "撤销" })).StatusCode);

        // Every step is in the subject's history.
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        var kinds = history.EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Listed", "Restricted", "ObjectionFiled", "ObjectionRejected", "ReconsiderationRequested", "ObjectionCorrectionOrdered",
            "ListingCorrected", "ObjectionRemedied"], kinds);
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ListingCorrected" && c.GetProperty("court").GetString() == "粤01");
    }
}

/// <summary>An upheld objection whose revocation is due across National Day (Arts. 9, 11).</summary>
public sealed class ObjectionRevocationTests(AutumnObjectionFixture platform) : IClassFixture<AutumnObjectionFixture>
{
    [Fact]
    public async Task Upheld_objection_not_revoked_within_3_working_days_is_flagged_overdue_then_revoked_Art9()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync();
        var receipt = await platform.FileAsync(id, caseNumber);

        // Wednesday 30 September: upheld, to be revoked by Saturday 10 October (a make-up working day).
        platform.Today("2026-09-30");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Uphold", "Revoke"))).StatusCode);
        var upheld = await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt);
        Assert.Equal("2026-10-10", upheld.GetProperty("deadline").GetProperty("due").GetString());
        // The listing stays in force until it is revoked.
        Assert.Equal(HttpStatusCode.OK, (await platform.Public.GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);
        // The court above cannot act on the enforcing court's own decision.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await platform.Intermediate.PostAsync($"/api/v1/objections/{receipt}/revocation", new JsonObject { ["explanation"] = "撤销" })).StatusCode);

        platform.Today("2026-10-12");
        Assert.True((await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt)).GetProperty("deadline").GetProperty("overdue").GetBoolean());
        var revoked = await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/revocation", new JsonObject { ["explanation"] = "异议成立，撤销名单信息" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Public.GetAsync($"/api/v1/public/listings/{listingId}")).StatusCode);
        var listing = await (await platform.Liwan.GetAsync($"{Person(id)}/listings/{listingId}")).JsonAsync();
        Assert.Equal("ObjectionUpheld", listing.GetProperty("end").GetProperty("reason").GetString());
        var closed = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal("Remedied", closed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("deadline").ValueKind);
    }
}

/// <summary>Objections on the platform's own day and after: who may file, what the receipt shows, a year the calendar lacks.</summary>
public sealed class ObjectionIntakeTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    [Fact]
    public async Task Correction_deadline_reaching_a_year_the_calendar_lacks_is_shown_unknown_not_guessed()
    {
        platform.Today("2026-12-21");
        var (id, caseNumber, _) = await platform.ListAsync();
        var receipt = await platform.FileAsync(id, caseNumber);

        // Tuesday 29 December: 30 and 31 December are working days, the third falls in 2027, which the shipped calendar lacks.
        platform.Today("2026-12-29");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Uphold", "Correct"))).StatusCode);

        var item = await ObjectionFixture.QueueItemAsync(platform.Liwan, receipt);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("deadline").GetProperty("due").ValueKind);
        Assert.Equal(2027, item.GetProperty("deadline").GetProperty("missingCalendarYear").GetInt32());
        Assert.Contains(2027, (await (await platform.Liwan.GetAsync("/api/v1/objections")).JsonAsync()).GetProperty("missingCalendarYears")
            .EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public async Task Receipt_shows_the_stage_but_neither_the_subject_nor_the_applicants_contact()
    {
        var (id, caseNumber, _) = await platform.ListAsync("李隐私");
        var receipt = await platform.FileAsync(id, caseNumber, "李隐私");

        var text = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(id, text);
        Assert.DoesNotContain(id[..14], text);
        Assert.DoesNotContain("李隐私", text);
        Assert.DoesNotContain("13800138000", text);
        Assert.DoesNotContain("wang@example.com", text);
        Assert.Contains("UnderReview", text);
        // The court sees all of it.
        var court = await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync();
        Assert.Equal("13800138000", court.GetProperty("contact").GetProperty("phone").GetString());
        Assert.Equal(id, court.GetProperty("subjectNumber").GetString());
        // A receipt nobody was given is not found; one that is not a receipt names the field.
        var unknown = await platform.Public.GetAsync("/api/v1/public/objections/2026-0000-0000-0000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var problem = await unknown.JsonAsync();
        Assert.Equal("receipt", problem.GetProperty("field").GetString());
        Assert.Contains("未找到", problem.GetProperty("title").GetString());
        var malformed = await platform.Public.GetAsync("/api/v1/public/objections/not-a-receipt");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("receipt", await malformed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rejected_objection_to_the_intermediate_courts_own_listing_is_not_sent_to_a_high_court_off_the_platform_Art12()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber("粤01");
        var listing = PersonListing(caseNumber, "高院外");
        listing["publicationDate"] = platform.Day;
        listing["decisionDate"] = platform.Day;
        Assert.Equal(HttpStatusCode.Created, (await platform.Intermediate.PostAsync($"{Person(id)}/listings", listing)).StatusCode);
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "高院外");
        Assert.Equal(HttpStatusCode.OK, (await platform.Intermediate.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);

        // 粤 (the high court) reconsiders 粤01's rejections under Art. 12, but it is no court of the platform: nobody here could decide.
        var asked = await platform.Public.PostAsync($"/api/v1/public/objections/{receipt}/reconsideration", ObjectionFixture.Reconsideration("不服驳回。", code));
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("no higher court on the platform", (await asked.JsonAsync()).GetProperty("rule").GetString());
        var shown = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal("Rejected", shown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("reconsideringCourt").ValueKind);
    }

    [Fact]
    public async Task Court_explanation_with_a_full_resident_ID_is_refused_naming_explanation_as_the_receipt_is_public_Art6()
    {
        var (id, caseNumber, _) = await platform.ListAsync("钱说明");
        var receipt = await platform.FileAsync(id, caseNumber, "钱说明");

        var decision = ObjectionFixture.Decision("Reject");
        decision["explanation"] = $"经查，说明甲（身份证号{id[..6]} {id[6..14]} {id[14..]}）未履行，驳回。";
        var refused = await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", decision);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("explanation", out _));
        Assert.Equal("UnderReview", (await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public void Resident_ID_in_a_stored_step_text_is_shown_masked_on_the_receipt()
    {
        var id = Identities.AdultResidentId();
        var row = new ReadModels.Objections.ObjectionRow("2026-7K3M-QX9T-B2HD", "resident-id:x", Guid.NewGuid(), "(2026)粤0103执1号", "粤0103", null,
            "Rejected", null, new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 3), null, null, null,
            [new ReadModels.Objections.ObjectionStepRow(2, "Rejected", DateTimeOffset.UtcNow, "粤0103", $"Art. 11: objection rejected: 说明甲 {id} 未履行", null)], false);

        var text = global::Credit.Api.Objections.ObjectionReceiptView.Of(row, Grains.Interfaces.Time.WorkingDayCalendar.Empty, new DateOnly(2026, 12, 3)).Steps[0].Text;
        Assert.DoesNotContain(id, text);
        Assert.Contains($"{id[..10]}****{id[14..]}", text);
    }

    [Fact]
    public async Task Only_the_listed_subject_in_its_listed_name_or_a_lawyer_objects_to_a_listing_in_force_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("赵本名");

        var wrongName = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, "赵别名"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Contains("applicant.name", await wrongName.Content.ReadAsStringAsync());

        var otherCase = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, CaseNumber(), "赵本名"));
        Assert.Equal(HttpStatusCode.NotFound, otherCase.StatusCode);

        var lawyer = ObjectionFixture.Objection(id, caseNumber, "钱律师");
        lawyer["applicant"] = new JsonObject { ["name"] = "钱律师", ["role"] = "Lawyer", ["lawFirm"] = "广东某某律师事务所", ["licenceNumber"] = "14401201910123456" };
        Assert.Equal(HttpStatusCode.Created, (await platform.Public.PostAsync("/api/v1/public/objections", lawyer)).StatusCode);
    }
}
