using System.Net;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>A name mistyped on a consumption restriction blocked every later listing under the right name (409), and the
/// 409 pointed to a correction that only listings had; the subject's name correction is the way out.</summary>
[Collection(PlatformCollection.Name)]
public sealed class NameCorrectionApiTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private HttpClient Yuexiu => fixture.Platform.Client("demo-yuexiu-district-court");

    [Fact]
    public async Task A_name_mistyped_on_a_restriction_is_corrected_and_the_debtor_is_then_listed_under_the_right_name()
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/restrictions", Restriction(caseNumber, "张叁"))).StatusCode);
        var blocked = await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber, "张三"));
        Assert.Contains("name-correction", (await ProblemAssert.IsProblem(blocked, HttpStatusCode.Conflict, "subject.name")).GetRawText());

        // Another court, with nothing in force on the subject, may not rename it.
        var foreign = await Yuexiu.PostAsync($"{Person(id)}/name-correction", new JsonObject { ["name"] = "张三", ["explanation"] = "更正" });
        await ProblemAssert.IsProblem(foreign, HttpStatusCode.Forbidden, "subject");

        var corrected = await Liwan.PostAsync($"{Person(id)}/name-correction", new JsonObject { ["name"] = "张三", ["explanation"] = "姓名录入错误" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("张三", (await corrected.JsonAsync()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(caseNumber, "张三"))).StatusCode);
        var history = await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "SubjectRenamed");
    }
}
