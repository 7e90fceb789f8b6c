using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>An objection exists for a listing in force (Art. 11): when the listing leaves the list another way, the objection is
/// closed as moot and says why, instead of waiting, and counting as overdue, for a remedy that can no longer be carried out.</summary>
public sealed class ObjectionListingEndedTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    private JsonObject FullPerformance => new() { ["reason"] = "FullPerformance", ["explanation"] = "已全部履行", ["eventDate"] = platform.Day };

    private static async Task<bool> QueuedAsync(HttpClient court, string receipt) =>
        (await (await court.GetAsync("/api/v1/objections")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Any(i => i.GetProperty("receipt").GetString() == receipt);

    [Fact]
    public async Task Objection_under_review_whose_listing_is_removed_leaves_the_queue_closed_as_moot_and_cannot_be_upheld()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("莫审查");
        var receipt = await platform.FileAsync(id, caseNumber, "莫审查");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal", FullPerformance)).StatusCode);

        Assert.False(await QueuedAsync(platform.Liwan, receipt));
        var review = await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Uphold", "Revoke"));
        Assert.Equal(HttpStatusCode.Conflict, review.StatusCode);
        Assert.Contains("FullPerformance", await review.Content.ReadAsStringAsync());

        var shown = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal("Moot", shown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("deadline").ValueKind);
        var last = shown.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("Moot", last.GetProperty("kind").GetString());
        Assert.Contains($"removed on {platform.Day} (FullPerformance", last.GetProperty("text").GetString());
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ObjectionMoot");
    }

    [Fact]
    public async Task Upheld_objection_whose_listing_was_removed_meanwhile_is_settled_by_the_revocation_not_left_overdue_Art9()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("莫撤销");
        var receipt = await platform.FileAsync(id, caseNumber, "莫撤销");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Uphold", "Revoke"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal", FullPerformance)).StatusCode);

        var revoked = await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/revocation", new JsonObject { ["explanation"] = "异议成立，撤销" });
        Assert.True(revoked.StatusCode == HttpStatusCode.OK, $"{revoked.StatusCode}: {await revoked.Content.ReadAsStringAsync()}\n{platform.Errors}");
        var objection = (await revoked.JsonAsync()).GetProperty("objection");
        Assert.Equal("Moot", objection.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, objection.GetProperty("deadline").ValueKind);
        Assert.False(await QueuedAsync(platform.Liwan, receipt));
        // The listing keeps the removal the court made.
        var listing = await (await platform.Liwan.GetAsync($"{Person(id)}/listings/{listingId}")).JsonAsync();
        Assert.Equal("FullPerformance", listing.GetProperty("end").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Rejected_objection_whose_listing_is_removed_within_the_reconsideration_period_closes_as_moot_without_a_deadline_Art12()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("莫复议");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "莫复议");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal", FullPerformance)).StatusCode);

        var shown = await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync();
        Assert.Equal("Moot", shown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("deadline").ValueKind);
        var last = shown.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal("Moot", last.GetProperty("kind").GetString());
        Assert.Contains($"removed on {platform.Day} (FullPerformance", last.GetProperty("text").GetString());
        Assert.Contains("without reconsideration", last.GetProperty("text").GetString());
        // Asked all the same (a form kept open), the request meets a closed objection.
        var asked = await platform.Public.PostAsync($"/api/v1/public/objections/{receipt}/reconsideration", ObjectionFixture.Reconsideration("执行法院未审查付款凭证。", code));
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("closed", await asked.Content.ReadAsStringAsync());
        var court = await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync();
        Assert.Equal("Moot", court.GetProperty("objection").GetProperty("status").GetString());
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ObjectionMoot");
    }

    [Fact]
    public async Task Rejected_objection_asked_for_reconsideration_after_its_listing_was_removed_closes_as_moot_Art12()
    {
        var (id, caseNumber, listingId) = await platform.ListAsync("莫再议");
        var (receipt, code) = await platform.FileWithCodeAsync(id, caseNumber, "莫再议");
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"/api/v1/objections/{receipt}/review", ObjectionFixture.Decision("Reject"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Liwan.PostAsync($"{Person(id)}/listings/{listingId}/removal", FullPerformance)).StatusCode);

        // The request comes before anyone read the objection again: it closes it, and is refused saying why.
        var asked = await platform.Public.PostAsync($"/api/v1/public/objections/{receipt}/reconsideration", ObjectionFixture.Reconsideration("执行法院未审查付款凭证。", code));
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("FullPerformance", await asked.Content.ReadAsStringAsync());
        Assert.Equal("Moot", (await (await platform.Public.GetAsync($"/api/v1/public/objections/{receipt}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Second_objection_to_a_listing_with_one_open_is_refused_naming_the_case_Art11()
    {
        var (id, caseNumber, _) = await platform.ListAsync("双异议");
        await platform.FileAsync(id, caseNumber, "双异议");

        var second = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, "双异议"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Equal("caseNumber", problem.GetProperty("field").GetString());
        Assert.Contains("still open", problem.GetProperty("rule").GetString());
    }
}
