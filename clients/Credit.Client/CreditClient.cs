using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Client;

/// <summary>Hand-written part of the generated client; the generator writes only CreditClient.g.cs.</summary>
public partial class CreditClient
{
    // NSwag puts a string-enum converter on each enumeration property but not on lists of enumerations
    // (an agency's fields); the platform sends every enumeration by name, so the client reads all by name.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter());
}
