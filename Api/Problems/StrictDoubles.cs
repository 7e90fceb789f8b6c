using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Problems;

/// <summary>Reads a coordinate or a distance as the serializer does, and refuses anything but a number with a rule that fits
/// what was sent (true is no number written in quotes).</summary>
public sealed class StrictDoubles : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonRuleException(JsonNumbers.NotANumber(reader.TokenType));

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
