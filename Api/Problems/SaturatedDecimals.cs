using System.Text.Json;
using System.Text.Json.Serialization;
using Credit.Grains.Interfaces.Text;

namespace Credit.Api.Problems;

/// <summary>Reads a JSON number too large for a decimal (<c>1e300</c>, <c>10^30</c>) as the largest decimal of its sign, so
/// that the field's own range rule refuses it by name ("must be at most 1,000,000,000,000 yuan") instead of the reader
/// calling a valid number malformed. Every decimal a request takes is an amount in yuan with a bound far below
/// <see cref="decimal.MaxValue"/>, of at most 2 decimal places. A number with more places than a decimal holds
/// (<c>250000.0000000000000000000000001</c>) would be rounded to one the fen rule lets through, so the reader refuses it with
/// that rule; one the decimal holds meets the rule where the field is checked. Anything but a number is refused by its kind.</summary>
public sealed class SaturatedDecimals : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new JsonRuleException(JsonNumbers.NotANumber(reader.TokenType));
        if (!reader.TryGetDecimal(out var value))
            return (reader.HasValueSequence ? reader.ValueSequence.FirstSpan : reader.ValueSpan)[0] == (byte)'-' ? decimal.MinValue : decimal.MaxValue;
        if (decimal.Round(value, 2) == value && JsonNumbers.PlacesWritten(ref reader) > 2)
            throw new JsonRuleException(TextRules.FenRule);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
