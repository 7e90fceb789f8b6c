using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Credit.Api.Problems;

namespace Credit.Api.Agencies.Hits;

/// <summary>Reads an instant only when it carries its offset. The serializer would read 2026-12-03T07:30:00 in the server's
/// time zone (UTC), eight hours off an agency that meant China time, and so on another China day, which decides the hold
/// and the court a hit is attributed to.</summary>
public sealed partial class InstantWithOffset : JsonConverter<DateTimeOffset>
{
    public const string Rule = "must carry an offset, e.g. +08:00 (2025-03-01T08:30:00+08:00), or Z for UTC: a time without one is no instant";

    /// <summary>The rule for a text that is no ISO 8601 date and time at all.</summary>
    public const string ShapeRule = "must be a date and time in ISO 8601 with its offset, e.g. 2025-03-01T08:30:00+08:00 (or Z for UTC)";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonRuleException(ShapeRule);
        if (reader.TryGetDateTimeOffset(out var instant))
            return HasOffset(reader.GetString()!) ? instant : throw new JsonRuleException(Rule);
        var text = reader.GetString()!;
        throw new JsonRuleException(OffsetWithoutColon().IsMatch(text)
            ? $"{ShapeRule}: the offset is written with a colon, +08:00, not {OffsetWithoutColon().Match(text).Value}"
            : ShapeRule);
    }

    // +0800 or -0530 after the time: ISO 8601's basic format, which the extended date and time beside it does not take.
    [GeneratedRegex(@"[+-][0-9]{4}$")]
    private static partial Regex OffsetWithoutColon();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>ISO 8601: the offset (Z, +hh:mm or -hh:mm) follows the time, so a sign or Z after the T is one.</summary>
    private static bool HasOffset(string text)
    {
        var time = text.AsSpan().IndexOfAny('T', 't');
        return time > 0 && text.AsSpan(time).IndexOfAny("Zz+-") > 0;
    }
}
