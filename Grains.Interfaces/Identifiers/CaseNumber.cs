using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An enforcement case number such as <c>(2024)粤0103执1234号</c>: year, court code, case type
/// (执, 执恢, 执保, …), sequence. Full-width parentheses are accepted and normalised to ASCII.</summary>
[GenerateSerializer, Immutable, Alias("credit.CaseNumber")]
[JsonConverter(typeof(ParsableJsonConverter<CaseNumber>))]
public readonly partial record struct CaseNumber : IParsable<CaseNumber>
{
    [Id(0)] public string Value { get; }

    private CaseNumber(string value) => Value = value;

    public int Year => int.Parse(Pattern().Match(Value).Groups["year"].ValueSpan, CultureInfo.InvariantCulture);

    /// <summary>The court that the number says owns the case.</summary>
    public CourtCode Court => CourtCode.Parse(Pattern().Match(Value).Groups["court"].Value);

    public static string Normalise(string? s) =>
        (s ?? "").Trim().Replace('（', '(').Replace('）', ')').Replace(" ", "", StringComparison.Ordinal);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CaseNumber result)
    {
        var value = Normalise(s);
        result = Pattern().IsMatch(value) ? new CaseNumber(value) : default;
        return result.Value is not null;
    }

    public static CaseNumber Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var number) ? number : throw new FormatException($"'{s}' is not a case number.");

    public override string ToString() => Value ?? "";

    [GeneratedRegex(@"^\((?<year>(19|20)[0-9]{2})\)(?<court>\p{IsCJKUnifiedIdeographs}([0-9]{2}|[0-9]{4})?)执[恢保异复监协他配]?(?<seq>[1-9][0-9]{0,6})号$")]
    private static partial Regex Pattern();
}
