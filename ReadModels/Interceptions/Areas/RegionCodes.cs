using System.Diagnostics.CodeAnalysis;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Interceptions.Areas;

/// <summary>Administrative-division codes (GB/T 2260): two digits name the province, four the prefecture-level city, six the
/// county-level area (district, county or county-level city). What a subject's own identifiers and its courts say of
/// where it belongs, without any input beyond what the courts already send.</summary>
public static class RegionCodes
{
    // Province-level codes and the one-character abbreviation that court codes and case numbers begin with (粤0103: 440103).
    private static readonly Dictionary<string, char> CourtCharacters = new(StringComparer.Ordinal)
    {
        ["11"] = '京', ["12"] = '津', ["13"] = '冀', ["14"] = '晋', ["15"] = '蒙', ["21"] = '辽', ["22"] = '吉', ["23"] = '黑',
        ["31"] = '沪', ["32"] = '苏', ["33"] = '浙', ["34"] = '皖', ["35"] = '闽', ["36"] = '赣', ["37"] = '鲁', ["41"] = '豫',
        ["42"] = '鄂', ["43"] = '湘', ["44"] = '粤', ["45"] = '桂', ["46"] = '琼', ["50"] = '渝', ["51"] = '川', ["52"] = '黔',
        ["53"] = '云', ["54"] = '藏', ["61"] = '陕', ["62"] = '甘', ["63"] = '青', ["64"] = '宁', ["65"] = '新',
    };

    private static readonly Dictionary<char, string> ProvincesByCourtCharacter = CourtCharacters.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Whether <paramref name="prefix"/> can stand for an area: 2, 4 or 6 digits under a known province.</summary>
    public static bool IsValidPrefix([NotNullWhen(true)] string? prefix) =>
        prefix is { Length: 2 or 4 or 6 } && prefix.All(char.IsAsciiDigit) && CourtCharacters.ContainsKey(prefix[..2]);

    /// <summary>The area a subject's document names: digits 1–6 of a resident ID (where the number was first issued,
    /// GB 11643-1999; it does not follow a later move), characters 3–8 of a unified social credit code (the registering
    /// authority's area, GB 32100-2015). Empty for passports and permits, which name none, and for a credit code whose
    /// characters there are not digits.</summary>
    public static ReadOnlySpan<char> OfDocument(DocumentType type, ReadOnlySpan<char> number)
    {
        var region = type switch
        {
            DocumentType.ResidentId when number.Length >= 6 => number[..6],
            DocumentType.CreditCode when number.Length >= 8 => number[2..8],
            _ => default,
        };
        return region.ContainsAnyExceptInRange('0', '9') ? default : region;
    }

    /// <summary>Whether <paramref name="region"/> stands for a whole prefecture-level city rather than one of its areas:
    /// GB/T 2260 gives the city its code ending 00 and its districts taken together one ending 01 (440101 is what
    /// Guangzhou's city-level authorities register under).</summary>
    public static bool IsCityWide(ReadOnlySpan<char> region) => region.Length == 6 && region[4] == '0' && region[5] is '0' or '1';

    /// <summary>The area of a court, from its code: 粤 is 44, 粤01 (an intermediate court) 4401, 粤0103 (a basic court) 440103.
    /// Null for a code whose province is unknown.</summary>
    public static string? OfCourt(ReadOnlySpan<char> court) =>
        court.Length > 0 && ProvincesByCourtCharacter.TryGetValue(court[0], out var province) ? string.Concat(province, court[1..]) : null;

    /// <summary>The start of the codes of the courts within <paramref name="prefix"/>'s area: 440103 gives 粤0103, 4401 gives 粤01.</summary>
    public static string CourtPrefixOf(string prefix) => string.Concat(CourtCharacters[prefix[..2]].ToString(), prefix.AsSpan(2));
}
