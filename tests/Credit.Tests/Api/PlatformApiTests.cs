using System.Net;
using System.Text.Json;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

[Collection(PlatformCollection.Name)]
public sealed class PlatformApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Ready_health_check_answers_200()
    {
        var response = await fixture.Platform.Client().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Court_endpoints_need_a_known_key()
    {
        var id = Identities.AdultResidentId();

        await ProblemAssert.IsProblem(await fixture.Platform.Client().PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber())),
            HttpStatusCode.Unauthorized, "X-Api-Key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Platform.Client("not-a-key").GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task The_calling_court_is_described_as_the_list_of_courts_describes_it()
    {
        var court = fixture.Platform.Client(PlatformFixture.Liwan);

        var me = await (await court.GetAsync("/api/v1/courts/me")).JsonAsync();
        var courts = await (await court.GetAsync("/api/v1/courts")).JsonAsync();

        var listed = courts.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "粤0103");
        Assert.Equal("粤0103", me.GetProperty("code").GetString());
        Assert.Equal(listed.GetProperty("name").GetString(), me.GetProperty("name").GetString());
        Assert.Equal(listed.GetProperty("nameEn").GetString(), me.GetProperty("nameEn").GetString());
        Assert.Contains("Liwan", me.GetProperty("nameEn").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_court_operation_with_typed_bodies()
    {
        var response = await fixture.Platform.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString()))
            .ToHashSet();
        string[] expected =
        [ "CreateListing", "CorrectListing", "ExtendListing", "RemoveListing", "ImposeRestriction", "LiftRestriction",
            "ImposeExitBan", "RenewExitBan", "LiftExitBan", "GetSubject", "GetSubjectHistory"];
        Assert.Empty(expected.Except(operations));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal("string", schemas.GetProperty("Listing").GetProperty("properties").GetProperty("caseNumber").GetProperty("type").GetString());
        Assert.Contains("RefusesDespiteAbility", schemas.GetProperty("DishonestGround").GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Platform.Client().GetAsync("/openapi")).StatusCode);
    }

    [Fact]
    public async Task State_survives_a_restart_of_the_platform()
    {
        var id = Identities.AdultResidentId();
        var created = await fixture.Platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = (await created.JsonAsync()).GetProperty("id").GetString();

        await fixture.RestartAsync();

        var subject = await (await fixture.Platform.Client(PlatformFixture.Liwan).GetAsync(Person(id))).JsonAsync();
        Assert.Equal(before, Assert.Single(subject.GetProperty("listings").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, (await (await fixture.Platform.Client(PlatformFixture.Liwan).GetAsync($"{Person(id)}/history")).JsonAsync()).ValueKind);
    }
}
