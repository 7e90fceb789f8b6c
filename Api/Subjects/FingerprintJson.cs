using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Subjects;

/// <summary>How a request is written for its fingerprint: as the serializer's defaults write it, so that the fingerprints
/// subjects already remember stay the same, except that a decimal is written in its shortest form. <c>250000</c>,
/// <c>250000.0</c> and <c>2.5E5</c> read as one amount at different scales, and a retry that spells it another way is the
/// same request, not another one under a reused key; <c>250001</c> still differs.</summary>
public static class FingerprintJson
{
    public static readonly JsonSerializerOptions Options = new() { Converters = { new ShortestDecimals() } };

    /// <summary>The request as its fingerprint reads it.</summary>
    public static string Write(object request) => JsonSerializer.Serialize(request, request.GetType(), Options);

    private sealed class ShortestDecimals : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(Shortest(value), skipInputValidation: true);
    }

    /// <summary>The decimal without trailing zeros after its point: 250000.00 is 250000, 0.50 is 0.5, and zero of any
    /// scale or sign is 0.</summary>
    public static string Shortest(decimal value)
    {
        if (value == 0)
            return "0";
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
