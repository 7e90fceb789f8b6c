using System.Net;
using System.Text.Json;
using Credit.Client;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Agencies;

/// <summary>GET /api/v1/measures and GET /api/v1/agencies over real HTTP: public and read-only.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AgencyCatalogueApiTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_measure_catalogue_is_public_and_lists_every_category_with_its_measures()
    {
        var response = await fixture.Platform.Client().GetAsync("/api/v1/measures");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var categories = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(13, categories.Count);
        Assert.Equal(41, categories.Sum(c => c.GetProperty("measures").GetArrayLength()));
        var consumption = categories.Single(c => c.GetProperty("code").GetString() == "consumption");
        Assert.Equal("限制高消费及有关消费", consumption.GetProperty("titleZh").GetString());
        var measures = consumption.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["C01", "C02", "C06", "C07", "C08", "C03"], measures.Select(m => m.GetProperty("code").GetString()));
        Assert.All(measures, m => Assert.Equal("ConsumptionRestriction", m.GetProperty("trigger").GetString()));
        Assert.Contains("第三条第一项", measures[0].GetProperty("legalBasis").GetString());
    }

    [Fact]
    public async Task The_agency_registry_is_public_and_shows_measures_and_fields_but_nothing_else()
    {
        var response = await fixture.Platform.Client().GetAsync("/api/v1/agencies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agencies = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(44, agencies.Count);
        Assert.All(agencies, a => Assert.Equal(["code", "nameZh", "nameEn", "measures", "fields", "units"], a.EnumerateObject().Select(p => p.Name)));
        var railway = agencies.Single(a => a.GetProperty("code").GetString() == "railway");
        Assert.Equal(["C01"], Strings(railway.GetProperty("measures")));
        Assert.Equal(["Name", "CourtAndCase"], Strings(railway.GetProperty("fields")));
        Assert.Equal(0, railway.GetProperty("units").GetArrayLength());
        var liwan = agencies.Single(a => a.GetProperty("code").GetString() == "street-offices").GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "liwan");
        Assert.Equal(["440103", "440107"], Strings(liwan.GetProperty("regions")));
    }

    [Fact]
    public async Task Both_are_described_in_the_OpenAPI_document()
    {
        var document = await (await fixture.Platform.Client().GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths");
        Assert.Equal("ListMeasures", paths.GetProperty("/api/v1/measures").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("ListAgencies", paths.GetProperty("/api/v1/agencies").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Contains("AmountOwed", document.GetProperty("components").GetProperty("schemas").GetProperty("AgencyField").GetRawText());
    }

    [Fact]
    public async Task An_agency_reads_the_registry_through_the_generated_client()
    {
        var client = new CreditClient(fixture.Platform.Client());

        var agencies = await client.ListAgenciesAsync(TestContext.Current.CancellationToken);
        var categories = await client.ListMeasuresAsync(TestContext.Current.CancellationToken);

        var civilAviation = agencies.Single(a => a.Code == "civil-aviation");
        Assert.Equal([AgencyField.Name, AgencyField.CourtAndCase], civilAviation.Fields);
        Assert.Equal(MeasureTrigger.ExitBan, categories.Single(c => c.Code == "exit").Measures.Single(m => m.Code == "X01").Trigger);
    }

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
