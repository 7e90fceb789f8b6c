using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>Writes an identifier as its normalised string and reads it back through its own parser,
/// so stored state and HTTP bodies never hold an identifier that skipped validation.</summary>
public sealed class ParsableJsonConverter<T> : JsonConverter<T> where T : IParsable<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && T.TryParse(text, null, out var value))
            return value;
        throw new JsonException($"'{text}' is not a valid {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
