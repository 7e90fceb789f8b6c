using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Problems;

/// <summary>Reads a whole number however JSON writes it: 1, 1.0 and 1e0 are the same number, and JSON Schema counts each as an
/// integer, where the serializer took only the first. A number beyond an int (<c>1e400</c>, 3000000000) is read as the
/// largest int of its sign, so that the field's own range rule refuses it ("Art. 2: an extension is 1 to 3 years") rather
/// than a message quoting .NET's range: every whole number a request takes has such a rule. A fraction, and anything but a
/// number, is refused here.</summary>
public sealed class WholeNumbers : JsonConverter<int>
{
    public const string Rule = "must be a whole number, without a fraction (1, not 1.5)";

    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonRuleException(JsonNumbers.NotANumber(reader.TokenType));
        if (reader.TryGetInt32(out var number))
            return number;
        if (JsonNumbers.PlacesWritten(ref reader) > 0)
            throw new JsonRuleException(Rule);
        var negative = (reader.HasValueSequence ? reader.ValueSequence.FirstSpan : reader.ValueSpan)[0] == (byte)'-';
        return reader.TryGetDecimal(out var value) && value is >= int.MinValue and <= int.MaxValue ? (int)value
            : negative ? int.MinValue : int.MaxValue;
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
