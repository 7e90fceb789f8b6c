using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>A court with nothing in force on the subject was sent by the 409 to a name correction that refused it (403); its
/// own listing now corrects another court's mistyped name when it says why.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NameCorrectionWithChangeApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private HttpClient Yuexiu => fixture.Platform.Client("demo-yuexiu-district-court");

    [Fact]
    public async Task A_second_court_lists_under_the_right_name_correcting_the_first_courts_mistyped_one()
    {
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/restrictions", Restriction(CaseNumber(), "张叁"))).StatusCode);
        var body = PersonListing(CaseNumber("粤0104"), "张三");
        var blocked = await Yuexiu.PostAsync($"{Person(id)}/listings", body);
        Assert.Contains("subject.nameCorrection", (await ProblemAssert.IsProblem(blocked, HttpStatusCode.Conflict, "subject.name")).GetRawText());

        body["subject"]!["nameCorrection"] = "身份证姓名为张三，原录入为张叁";
        var listed = await Yuexiu.PostAsync($"{Person(id)}/listings", body);

        Assert.Equal(HttpStatusCode.Created, listed.StatusCode);
        var listingId = (await listed.JsonAsync()).GetProperty("id").GetString();
        var shown = await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings/{listingId}")).JsonAsync();
        Assert.Equal("张三", shown.GetProperty("name").GetString());
        var history = await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        var renamed = Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "SubjectRenamed");
        Assert.Equal("粤0104", renamed.GetProperty("court").GetString());
        // Sent again with a name that is now the recorded one, the correction has nothing to correct.
        var again = PersonListing(CaseNumber("粤0104"), "张三");
        again["subject"]!["nameCorrection"] = "再次更正";
        await ProblemAssert.IsProblem(await Yuexiu.PostAsync($"{Person(id)}/listings", again), HttpStatusCode.BadRequest, "subject.nameCorrection");
    }
}
