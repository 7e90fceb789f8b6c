using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credit.Api.Problems;

/// <summary>Reads an enumeration only from one of its names, in any case. <see cref="JsonStringEnumConverter"/> also takes
/// "A, B" and combines the two values' numbers, which for a ground, a removal reason or a performance status is a third,
/// real value the court never chose (RefusesDespiteAbility, ObstructsEnforcement read as EvadesEnforcement). Writes the name.
/// </summary>
public sealed class ExactEnumNames : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The value of the name <paramref name="text"/> is exactly (ignoring case), or null.</summary>
    public static T? Parse<T>(string text) where T : struct, Enum => Converter<T>.ByName.TryGetValue(text, out var value) ? value : null;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName =
            Enum.GetNames<T>().ToFrozenDictionary(name => name, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException($"not one of the names of {typeof(T).Name}");

        private static readonly FrozenDictionary<T, JsonEncodedText> Names =
            Enum.GetNames<T>().Select(name => (Value: Enum.Parse<T>(name), Text: JsonEncodedText.Encode(name)))
                .DistinctBy(n => n.Value).ToFrozenDictionary(n => n.Value, n => n.Text);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            // A value no name has (a combination of flags) is written as .NET spells it.
            if (Names.TryGetValue(value, out var name))
                writer.WriteStringValue(name);
            else
                writer.WriteStringValue(value.ToString());
        }
    }
}
