using System.Text.Json.Nodes;
using Credit.Grains.Subjects;
using Orleans.Storage;

namespace Credit.Hosting.Storage;

/// <summary>The subject grains' storage serializer: writes state as <paramref name="inner"/> does, and reads state that
/// earlier versions wrote in a shape the domain types no longer have, by rewriting the stored JSON into today's shape
/// first. State already in today's shape passes straight through.</summary>
public sealed class SubjectStateSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => inner.Serialize(input);

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(typeof(T) == typeof(SubjectState) ? Upgraded(input) : input);

    /// <summary>Listings stored before entities named their responsible persons hold a single
    /// <c>"LegalRepresentative": {"Name", "ResidentId"}</c>; it becomes the one person of <c>"ResponsiblePersons"</c> with
    /// the role LegalRepresentative (numbered 0).</summary>
    public static BinaryData Upgraded(BinaryData stored)
    {
        if (stored.ToMemory().Span.IndexOf("\"LegalRepresentative\""u8) < 0)
            return stored;
        if (JsonNode.Parse(stored.ToMemory().Span) is not JsonObject state || state["Listings"] is not JsonArray listings)
            return stored;
        foreach (var listing in listings.OfType<JsonObject>())
        {
            if (!listing.Remove("LegalRepresentative", out var old) || old is not JsonObject representative || listing.ContainsKey("ResponsiblePersons"))
                continue;
            listing["ResponsiblePersons"] = new JsonArray(new JsonObject
            {
                ["Person"] = $"p:{representative["ResidentId"]?.GetValue<string>()}",
                ["Name"] = representative["Name"]?.DeepClone(),
                ["Role"] = 0,
            });
        }
        return BinaryData.FromString(state.ToJsonString());
    }
}
