using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Partners;

/// <summary>What courts record for the partners: a residence (never an address) and phone numbers, checked field by field,
/// only by the court of an active listing.</summary>
[Collection(PartnerCollection.Name)]
public sealed class PartnerRecordApiTests(PartnerFixture fixture)
{
    [Fact]
    public async Task A_residence_with_an_address_or_out_of_range_point_is_refused_naming_each_field()
    {
        var (id, _) = await fixture.ListAsync("440104", "许七");
        var response = await fixture.Court.PutAsJsonAsync($"{Person(id)}/residence",
            new JsonObject { ["regionCode"] = "4401", ["street"] = "沙面南街12号", ["latitude"] = 95.0, ["longitude"] = 113.2 });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "regionCode");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("street", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("latitude", out _), problem.ToString());
        Assert.False(errors.TryGetProperty("longitude", out _), problem.ToString());

        var published = await fixture.Court.PutAsJsonAsync($"{Person(id)}/residence",
            new JsonObject { ["regionCode"] = "440103", ["street"] = $"被执行人{id}", ["latitude"] = 23.1, ["longitude"] = 113.2 });
        await ProblemAssert.IsProblem(published, HttpStatusCode.BadRequest, "street");
        var rareName = await fixture.Court.PutAsJsonAsync($"{Person(id)}/residence",
            new JsonObject { ["regionCode"] = "440103", ["street"] = "𠮷田街道", ["latitude"] = 23.1, ["longitude"] = 113.2 });
        Assert.Equal(HttpStatusCode.OK, rareName.StatusCode);
    }

    [Theory]
    [InlineData(0.0, 0.0, "latitude,longitude", "in China")]
    [InlineData(23.1, -91.0, "longitude", "in China")]
    [InlineData(80.0, 23.1, "latitude,longitude", "in China")]
    [InlineData(44.0, 113.2, "latitude", "province 44")]
    [InlineData(23.1, 87.6, "longitude", "province 44")]
    public async Task A_residence_point_outside_China_or_far_from_its_regions_province_is_refused_naming_the_coordinate(
        double latitude, double longitude, string fields, string rule)
    {
        var (id, _) = await fixture.ListAsync("440104", "施十");

        // Liwan, Guangzhou: geo-targeted pushes to the Gulf of Guinea (0, 0), or to Inner Mongolia for a swapped or mistyped point.
        var response = await fixture.Court.PutAsJsonAsync($"{Person(id)}/residence",
            new JsonObject { ["regionCode"] = "440103", ["latitude"] = latitude, ["longitude"] = longitude });

        var errors = (await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(fields.Split(','), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(errors.EnumerateObject(), e => Assert.Contains(rule, e.Value[0].GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Phone_numbers_must_be_mainland_numbers_and_not_repeated()
    {
        var (id, _) = await fixture.ListAsync("440104", "何八");
        var response = await fixture.Court.PutAsJsonAsync($"{Person(id)}/phones", new JsonObject { ["phones"] = new JsonArray("12345", "13800138000", "138 0013 8000") });
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "phones[0]");
        Assert.True(problem.GetProperty("errors").TryGetProperty("phones[2]", out _), problem.ToString());
        var empty = await fixture.Court.PutAsJsonAsync($"{Person(id)}/phones", new JsonObject { ["phones"] = new JsonArray() });
        await ProblemAssert.IsProblem(empty, HttpStatusCode.BadRequest, "phones");
    }

    [Fact]
    public async Task Only_the_court_of_an_active_listing_records_for_the_partners()
    {
        var (id, listing) = await fixture.ListAsync("440104", "吕九");
        var body = new JsonObject { ["regionCode"] = "440103", ["latitude"] = 23.1, ["longitude"] = 113.2 };
        var other = await fixture.Platform.Client(PlatformFixture.Intermediate).PutAsJsonAsync($"{Person(id)}/residence", body);
        await ProblemAssert.IsProblem(other, HttpStatusCode.Forbidden, "documentType");
        var nobody = await fixture.Court.PutAsJsonAsync($"{Person(Identities.AdultResidentIdIn("440104"))}/residence", body);
        await ProblemAssert.IsProblem(nobody, HttpStatusCode.NotFound, "documentType");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Court.PutAsJsonAsync($"{Person(id)}/residence", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Court.DeleteAsync($"{Person(id)}/residence")).StatusCode);
        await ProblemAssert.IsProblem(await fixture.Court.DeleteAsync($"{Person(id)}/residence"), HttpStatusCode.NotFound, "documentType");
        // After the last listing, nothing recorded is left to record against.
        await fixture.RemoveAsync(id, listing);
        await ProblemAssert.IsProblem(await fixture.Court.PutAsJsonAsync($"{Person(id)}/phones", new JsonObject { ["phones"] = new JsonArray("13900139000") }),
            HttpStatusCode.NotFound, "documentType");
    }
}
