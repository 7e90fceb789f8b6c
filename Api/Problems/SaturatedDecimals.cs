using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Problems;

/// <summary>Reads a JSON number too large for a decimal (<c>1e300</c>, <c>10^30</c>) as the largest decimal of its sign, so
/// that the field's own range rule refuses it by name ("must be at most 1,000,000,000,000 yuan") instead of the reader
/// calling a valid number malformed. Every decimal a request takes is an amount with a bound far below
/// <see cref="decimal.MaxValue"/>; a number too small to hold already reads as 0. Anything but a number is refused as the
/// built-in converter refuses it.</summary>
public sealed class SaturatedDecimals : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            return reader.GetDecimal();
        if (reader.TryGetDecimal(out var value))
            return value;
        var negative = (reader.HasValueSequence ? reader.ValueSequence.FirstSpan : reader.ValueSpan)[0] == (byte)'-';
        return negative ? decimal.MinValue : decimal.MaxValue;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
