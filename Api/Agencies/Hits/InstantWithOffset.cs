using System.Text.Json;
using System.Text.Json.Serialization;
using Credit.Api.Problems;

namespace Credit.Api.Agencies.Hits;

/// <summary>Reads an instant only when it carries its offset. The serializer would read 2026-12-03T07:30:00 in the server's
/// time zone (UTC), eight hours off an agency that meant China time, and so on another China day, which decides the hold
/// and the court a hit is attributed to.</summary>
public sealed class InstantWithOffset : JsonConverter<DateTimeOffset>
{
    public const string Rule = "must carry an offset, e.g. +08:00 (2025-03-01T08:30:00+08:00), or Z for UTC: a time without one is no instant";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Anything that is no date and time at all is the serializer's to refuse, as for any other instant.
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var instant))
            return HasOffset(reader.GetString()!) ? instant : throw new JsonRuleException(Rule);
        return reader.GetDateTimeOffset();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>ISO 8601: the offset (Z, +hh:mm or -hh:mm) follows the time, so a sign or Z after the T is one.</summary>
    private static bool HasOffset(string text)
    {
        var time = text.AsSpan().IndexOfAny('T', 't');
        return time > 0 && text.AsSpan(time).IndexOfAny("Zz+-") > 0;
    }
}
