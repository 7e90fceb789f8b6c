using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An enforcement case number such as <c>(2024)粤0103执1234号</c>: year, court code, case type
/// (执, 执恢, 执保, …), sequence. Full-width parentheses and 〔〕 are accepted and normalised to ASCII (<see cref="Normalise"/>).</summary>
[GenerateSerializer, Immutable, Alias("credit.CaseNumber")]
[JsonConverter(typeof(ParsableJsonConverter<CaseNumber>))]
public readonly partial record struct CaseNumber : IParsable<CaseNumber>
{
    [Id(0)] public string Value { get; }

    private CaseNumber(string value) => Value = value;

    public int Year => int.Parse(Pattern().Match(Value).Groups["year"].ValueSpan, CultureInfo.InvariantCulture);

    /// <summary>The court that the number says owns the case.</summary>
    public CourtCode Court => CourtCode.Parse(Pattern().Match(Value).Groups["court"].Value);

    /// <summary>The case type (案件类型代字): 执 (enforcement), 执恢 (resumed enforcement), 执保 (preservation), 执异 (objection),
    /// 执复 (review), 执监 (supervision), 执协 (assistance), 执他 (other), 执配 (coordination).</summary>
    public string CaseType => Pattern().Match(Value).Groups["type"].Value;

    /// <summary>Whether the case is an enforcement case proper (执 or 执恢): only those carry listings, consumption
    /// restrictions and exit bans; the other types are side proceedings of an enforcement.</summary>
    public bool IsEnforcement => CaseType is "执" or "执恢";

    /// <summary>The number as it is stored and compared: ASCII parentheses for the full-width ones and for the tortoise-shell
    /// brackets 〔〕 of official documents, and no spaces of any kind between its parts (a number is copied with spaces,
    /// no-break or ideographic, around them). A space between two digits is kept, for <see cref="TryParse(string?, out CaseNumber, out string)"/>
    /// to refuse: inside the year, the court code or the sequence number it more likely marks a typo or a missing digit than
    /// a copied layout, and dropping it would land the change on another case.</summary>
    public static string Normalise(string? s)
    {
        var text = (s ?? "").Trim().Replace('（', '(').Replace('）', ')').Replace('〔', '(').Replace('〕', ')');
        if (!text.Any(char.IsWhiteSpace))
            return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) || IsBetweenDigits(text, i))
                kept.Append(text[i]);
        }
        return kept.ToString();
    }

    /// <summary>Whether the space at <paramref name="at"/> belongs to a run of spaces with a digit on either side.</summary>
    private static bool IsBetweenDigits(string text, int at)
    {
        var before = at;
        while (before > 0 && char.IsWhiteSpace(text[before - 1]))
            before--;
        var after = at;
        while (after < text.Length && char.IsWhiteSpace(text[after]))
            after++;
        return before > 0 && after < text.Length && char.IsAsciiDigit(text[before - 1]) && char.IsAsciiDigit(text[after]);
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CaseNumber result) =>
        TryParse(s, out result, out _);

    /// <param name="error">Why <paramref name="s"/> is not a case number, as the rule it breaks: the shape, or, for a number of
    /// the right shape, the part that is wrong (the year, the sequence's leading zeros), so a court sees what to change.</param>
    public static bool TryParse([NotNullWhen(true)] string? s, out CaseNumber result, out string error)
    {
        var value = Normalise(s);
        result = Pattern().IsMatch(value) ? new CaseNumber(value) : default;
        error = result.Value is not null ? ""
            : FirstSpace(value) is var space and >= 0 ? SpaceRule(value, space)
            : Loose().Match(value) is { Success: true } shaped ? PartRule(shaped)
            : ShapeRule;
        return result.Value is not null;
    }

    public const string ShapeRule = "must look like (2024)粤0103执1234号: year in parentheses, court code, 执 (or 执恢, 执保, …), number, 号";

    private static int FirstSpace(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]))
                return i;
        }
        return -1;
    }

    /// <summary>The rule for a space Normalise kept, naming the part whose digits it splits and the digits around it.</summary>
    private static string SpaceRule(string value, int space)
    {
        var part = space < value.IndexOf(')', StringComparison.Ordinal) ? "year"
            : value.IndexOf('执', StringComparison.Ordinal) is var type && (type < 0 || space < type) ? "court code"
            : "case sequence number";
        var start = space;
        while (start > 0 && (char.IsAsciiDigit(value[start - 1]) || char.IsWhiteSpace(value[start - 1])))
            start--;
        var end = space;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || char.IsWhiteSpace(value[end])))
            end++;
        return $"has a space inside the digits of its {part} ({value[start..end]}): spaces may stand only between the parts of a "
            + "case number; inside a number one more likely marks a typo or a missing digit, so write the digits meant without it";
    }

    private static string PartRule(Match shaped)
    {
        var (year, sequence) = (shaped.Groups["year"], shaped.Groups["seq"]);
        if (!YearPattern().IsMatch(year.Value))
            return $"has the year {year.Value}; the year in parentheses must be from 1900 to 2099";
        var digits = sequence.Value.TrimStart('0');
        if (digits.Length == 0)
            return "must have a case sequence number of 1 or more before 号";
        if (digits.Length > 7)
            return "must have a case sequence number of at most 7 digits";
        return $"must write the case sequence number without leading zeros: {shaped.Value[..sequence.Index]}{digits}号";
    }

    [GeneratedRegex("^(19|20)[0-9]{2}$")]
    private static partial Regex YearPattern();

    /// <summary>The shape of <see cref="Pattern"/> with any year and any sequence of digits.</summary>
    [GeneratedRegex(@"^\((?<year>[0-9]{1,6})\)\p{IsCJKUnifiedIdeographs}([0-9]{2}|[0-9]{4})?执[恢保异复监协他配]?(?<seq>[0-9]{1,20})号$")]
    private static partial Regex Loose();

    public static CaseNumber Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var number) ? number : throw new FormatException($"'{s}' is not a case number.");

    public override string ToString() => Value ?? "";

    [GeneratedRegex(@"^\((?<year>(19|20)[0-9]{2})\)(?<court>\p{IsCJKUnifiedIdeographs}([0-9]{2}|[0-9]{4})?)(?<type>执[恢保异复监协他配]?)(?<seq>[1-9][0-9]{0,6})号$")]
    private static partial Regex Pattern();
}
