using System.Net;
using System.Text.RegularExpressions;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

[Collection(PlatformCollection.Name)]
public sealed partial class PrivacyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task No_public_response_ever_contains_an_unmasked_resident_id()
    {
        var court = fixture.Platform.Client(PlatformFixture.Liwan);
        var name = PublicSearchApiTests.UniqueName();
        var people = Enumerable.Range(0, 3).Select(_ => Identities.AdultResidentId()).ToList();
        foreach (var id in people)
            Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), name))).StatusCode);
        var representative = Identities.AdultResidentId();
        var entity = Identities.CreditCode();
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Entity(entity)}/listings", EntityListing(CaseNumber(), representative, name + "有限公司"))).StatusCode);

        var bodies = new List<string>();
        foreach (var query in people.Select(id => $"idNumber={id}").Append($"idNumber={entity}").Append($"name={name}").Append($"name={name[..2]}"))
            bodies.Add(await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings?{query}")).Content.ReadAsStringAsync());
        var page = await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings?name={name}")).JsonAsync();
        foreach (var item in page.GetProperty("items").EnumerateArray())
            bodies.Add(await (await fixture.Platform.Client().GetAsync($"/api/v1/public/listings/{item.GetProperty("listingId").GetString()}")).Content.ReadAsStringAsync());

        Assert.Equal(4, page.GetProperty("items").GetArrayLength());
        foreach (var body in bodies)
        {
            // Any 18-character run that is a valid resident ID is a leak, whoever's it is.
            var leaks = EighteenCharacters().Matches(body).Select(m => m.Value).Where(v => ResidentId.TryParse(v, out _, out _)).ToList();
            Assert.Empty(leaks);
            Assert.DoesNotContain(representative, body);
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Z])[0-9]{17}[0-9X](?![0-9A-Z])")]
    private static partial Regex EighteenCharacters();
}
