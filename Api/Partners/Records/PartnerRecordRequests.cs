using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;

namespace Credit.Api.Partners.Records;

/// <summary>The subject's usual residence for the exposure partners: the district, optionally the street or town, and a point
/// (WGS 84) to measure distances from. Never the address.</summary>
/// <param name="RegionCode">The six-digit district code (GB/T 2260).</param>
/// <param name="Street">The street (街道) or town (镇), at most 30 characters, without house numbers.</param>
/// <param name="Latitude">Degrees north, in China (3.8 to 53.6) and in or near the province of the region code.</param>
/// <param name="Longitude">Degrees east, in China (73.5 to 135.1) and in or near the province of the region code.</param>
public sealed record ResidenceRequest(
    [property: Required, Example("440103")] string? RegionCode,
    [property: Example("沙面街道")] string? Street,
    [property: Required, Example(23.1095)] double? Latitude,
    [property: Required, Example(113.2437)] double? Longitude);

/// <summary>The subject's phone numbers for the telecom operators' ring-back tone.</summary>
/// <param name="Phones">1 to 5 numbers: mainland mobile numbers (11 digits from 13 to 19) or fixed lines with their area code
/// (0 and 2 or 3 digits, a hyphen optional, and 7 or 8 digits).</param>
public sealed record PhonesRequest([property: Required, Example(new[] { "13800138000" })] List<string?>? Phones);

/// <summary>The subject's phone numbers as recorded (hyphens and spaces dropped).</summary>
public sealed record SubjectPhones(IReadOnlyList<string> Phones);
