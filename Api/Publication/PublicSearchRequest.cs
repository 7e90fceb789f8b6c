using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Text;
using Credit.ReadModels.PublicListings;

namespace Credit.Api.Publication;

/// <summary>The public search as it arrives in the query string, checked before any query runs.</summary>
public static partial class PublicSearchRequest
{
    public const int DefaultLimit = 20;
    public const int MaximumLimit = 50;

    public static PublicSearchQuery Validate(string? name, string? idNumber, string? caseNumber, string? court, string? region,
        SubjectKind? kind, int? limit, string? cursor, RequestErrors errors)
    {
        name = Blank(name);
        idNumber = Blank(idNumber) is { } typed ? TypedIdText.Plain(typed).ToUpperInvariant() : null;
        caseNumber = Blank(caseNumber);
        court = Blank(court);
        region = Blank(region);
        if (name is null && idNumber is null && caseNumber is null)
            errors.Add("name", "give a name, an ID number (idNumber) or a case number (caseNumber)");
        if (name is not null && !IsSearchableName(name))
            errors.Add("name", "must be 2–50 letters or digits of any script (a rare character such as 𠮷 counts as one); spaces, middle dots, hyphens, apostrophes, full stops, commas and brackets may stand between them and do not count");
        if (idNumber is not null && !IdPattern().IsMatch(idNumber))
            errors.Add("idNumber", "must be a full resident ID, credit code or document number: 5–20 letters and digits");
        string? normalisedCase = null;
        if (caseNumber is not null)
        {
            if (CaseNumber.TryParse(caseNumber, null, out var parsed))
                normalisedCase = parsed.Value;
            else
                errors.Add("caseNumber", "must be a full case number such as (2024)粤0103执1234号");
        }
        if (court is not null && !CourtCode.TryParse(court, null, out _))
            errors.Add("court", "must be a court code such as 粤0103");
        if (region is not null && !RegionPattern().IsMatch(region))
            errors.Add("region", "must be the start of a court code: a province character and up to 4 digits, e.g. 粤 or 粤01");
        if (kind is { } k && !Enum.IsDefined(k))
            errors.Add("kind", "must be one of Person, Entity");
        if (limit is < 1 or > MaximumLimit)
            errors.Add("limit", $"must be 1 to {MaximumLimit}");
        if (!SearchCursorCodec.TryDecode(cursor, out var after))
            errors.Add("cursor", "is not a cursor this service gave out");
        return new PublicSearchQuery(name, idNumber, normalisedCase, court, region, kind, limit ?? DefaultLimit, after);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Read by character (code point), never by UTF-16 unit: 王𠮷明 (U+20BB7, CJK Extension B) is three characters, all
    /// letters, where a pattern over UTF-16 units saw two halves of a surrogate pair that are no letters. A letter may carry
    /// combining marks (é written as e + U+0301). Besides letters and digits, a name may hold only what the search leaves out
    /// of both the query and the names (<see cref="NameSearchKey"/>: the dots, spaces and hyphens of Jean-Pierre Dupont,
    /// 买买提·艾力 or 王　六), so the public can type a name as it is published; and at least two characters must be left to
    /// compare. Nothing else can be in a name, so the query needs no escaping for LIKE.</summary>
    private static bool IsSearchableName(string name)
    {
        if (TextRules.Malformed(name, multiLine: false) is not null || TextRules.Length(name) > 50)
            return false;
        foreach (var character in name.EnumerateRunes())
        {
            var allowed = Rune.GetUnicodeCategory(character) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
                    or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                    or UnicodeCategory.DecimalDigitNumber => true,
                _ => character.IsBmp && NameSearchKey.IsIgnored((char)character.Value),
            };
            if (!allowed)
                return false;
        }
        return TextRules.Length(NameSearchKey.Of(name)) >= 2;
    }

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}[0-9]{0,4}$")]
    private static partial Regex RegionPattern();
}
