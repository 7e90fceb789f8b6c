using System.Diagnostics.CodeAnalysis;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Agencies.Regions;

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

    // Province codes by value, for the look-up made once per subject of a snapshot.
    private static readonly bool[] KnownProvinces = [.. Enumerable.Range(0, 100).Select(n => CourtCharacters.ContainsKey($"{n:00}"))];

    // The four municipalities directly under the central government, whose districts are numbered from 01.
    private static readonly bool[] Municipalities = [.. Enumerable.Range(0, 100).Select(n => n is 11 or 12 or 31 or 50)];

    /// <summary>Whether <paramref name="prefix"/> can stand for an area: 2, 4 or 6 digits under a known province.</summary>
    public static bool IsValidPrefix([NotNullWhen(true)] string? prefix) =>
        prefix is { Length: 2 or 4 or 6 } && prefix.All(char.IsAsciiDigit) && CourtCharacters.ContainsKey(prefix[..2]);

    /// <summary>The county-level area a subject's document names: digits 1–6 of a resident ID (where the number was first
    /// issued, GB 11643-1999; it does not follow a later move), characters 3–8 of a unified social credit code (the
    /// registering authority's area, GB 32100-2015). Null for passports and permits, which name none, and for a code of a
    /// whole city or province rather than a county-level area (440101 is Guangzhou's districts together, 440100 the city).</summary>
    /// <returns>The six digits, or an empty span.</returns>
    public static ReadOnlySpan<char> OfDocument(DocumentType type, ReadOnlySpan<char> number)
    {
        var region = type switch
        {
            DocumentType.ResidentId when number.Length >= 6 => number[..6],
            DocumentType.CreditCode when number.Length >= 8 => number[2..8],
            _ => default,
        };
        return IsCountyLevel(region) ? region : default;
    }

    /// <summary>The area of a court, from its code: 粤 is 44, 粤01 (an intermediate court) 4401, 粤0103 (a basic court) 440103.
    /// Null for a code whose province is unknown.</summary>
    public static string? OfCourt(ReadOnlySpan<char> court) =>
        court.Length > 0 && ProvincesByCourtCharacter.TryGetValue(court[0], out var province) ? string.Concat(province, court[1..]) : null;

    /// <summary>The start of the codes of the courts within <paramref name="prefix"/>'s area: 440103 gives 粤0103, 4401 gives 粤01.</summary>
    public static string CourtPrefixOf(string prefix) => string.Concat(CourtCharacters[prefix[..2]].ToString(), prefix.AsSpan(2));

    private static bool IsCountyLevel(ReadOnlySpan<char> region)
    {
        if (region.Length != 6 || region.ContainsAnyExceptInRange('0', '9'))
            return false;
        var province = (region[0] - '0') * 10 + region[1] - '0';
        if (!KnownProvinces[province])
            return false;
        var county = region[4..];
        // GB/T 2260: 00 is the city itself; 01 is a prefecture's districts taken together, except in the four
        // municipalities, where 01 is the first district (110101 东城区).
        return county is not "00" && (county is not "01" || Municipalities[province]);
    }
}
