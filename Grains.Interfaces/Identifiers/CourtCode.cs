using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>A court's code as it appears in case numbers: the province's one-character abbreviation
/// followed by nothing (high court), two digits (intermediate court, e.g. 粤01) or four digits
/// (basic court, e.g. 粤0103 for Liwan).</summary>
[GenerateSerializer, Immutable, Alias("credit.CourtCode")]
[JsonConverter(typeof(ParsableJsonConverter<CourtCode>))]
public readonly partial record struct CourtCode : IParsable<CourtCode>
{
    [Id(0)] public string Value { get; }

    private CourtCode(string value) => Value = value;

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CourtCode result)
    {
        var value = s?.Trim() ?? "";
        result = Pattern().IsMatch(value) ? new CourtCode(value) : default;
        return result.Value is not null;
    }

    public static CourtCode Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var code) ? code : throw new FormatException($"'{s}' is not a court code.");

    public override string ToString() => Value ?? "";

    /// <summary>The court one level up, which reconsiders its decisions (list rules Art. 12): a basic court's intermediate
    /// court (粤0103 → 粤01), an intermediate court's high court (粤01 → 粤); null for a high court.</summary>
    public CourtCode? NextHigher => Value?.Length switch
    {
        5 => new CourtCode(Value[..3]),
        3 => new CourtCode(Value[..1]),
        _ => null,
    };

    /// <summary>Whether this court is <paramref name="court"/> or one below it (粤0103 is within 粤01).</summary>
    public bool IsWithin(CourtCode court) => Value is not null && court.Value is not null && Value.StartsWith(court.Value, StringComparison.Ordinal);

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}([0-9]{2}|[0-9]{4})?$")]
    private static partial Regex Pattern();
}
