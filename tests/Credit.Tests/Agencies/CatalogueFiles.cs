using System.Text.Json.Nodes;
using Credit.Api.Agencies.Catalogue;

namespace Credit.Tests.Agencies;

/// <summary>The catalogue file shipped with the platform, and ways to take it apart for tests.</summary>
public static class CatalogueFiles
{
    public static string ShippedPath { get; } = Path.Combine(AppContext.BaseDirectory, AgencyCatalogueSource.DefaultFile);

    public static AgencyCatalogue Shipped() => new AgencyCatalogueSource(ShippedPath).Current;

    /// <summary>The shipped file as an editable JSON tree.</summary>
    public static JsonObject ShippedJson() => JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();

    public static JsonObject Category(this JsonObject file, string code) => Entry(file, "categories", code);

    public static JsonObject Measure(this JsonObject file, string code) => Entry(file, "measures", code);

    public static JsonObject Agency(this JsonObject file, string code) => Entry(file, "agencies", code);

    public static JsonArray Entries(this JsonObject file, string kind) => file[kind]!.AsArray();

    private static JsonObject Entry(JsonObject file, string kind, string code) =>
        file.Entries(kind).Select(e => e!.AsObject()).Single(e => (string?)e["code"] == code);
}
