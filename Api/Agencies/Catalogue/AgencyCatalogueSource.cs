using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>Loads the catalogue and registry from the operator's JSON file.</summary>
public sealed class AgencyCatalogueSource
{
    public const string DefaultFile = "Agencies/Catalogue/catalogue.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record CatalogueFile(MeasureCategory[] Categories, Measure[] Measures, Agency[] Agencies);

    public AgencyCatalogueSource(string path)
    {
        var file = JsonSerializer.Deserialize<CatalogueFile>(File.ReadAllText(path), Json)!;
        Current = new AgencyCatalogue(file.Categories, file.Measures, file.Agencies);
    }

    public AgencyCatalogue Current { get; }
}
