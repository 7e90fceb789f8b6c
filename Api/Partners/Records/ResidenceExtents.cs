using Credit.Api.Subjects;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Partners.Records;

/// <summary>A box of latitudes and longitudes (WGS 84), both ends included.</summary>
public sealed record GeoBox(double South, double North, double West, double East)
{
    public bool HoldsLatitude(double latitude) => latitude >= South && latitude <= North;

    public bool HoldsLongitude(double longitude) => longitude >= West && longitude <= East;

    public GeoBox Widened(double degrees) => new(South - degrees, North + degrees, West - degrees, East + degrees);

    public string Latitudes => FormattableString.Invariant($"latitude {South:0.0} to {North:0.0}");

    public string Longitudes => FormattableString.Invariant($"longitude {West:0.0} to {East:0.0}");
}

/// <summary>Where a subject's recorded residence can lie: in China, and in or near the province of its district code. Coarse
/// boxes, not borders: they catch a point left at 0, 0, a latitude and longitude swapped or a sign or digit lost, which would
/// send the partners' geo-targeted pushes (20 km around the residence) to the Gulf of Guinea or another province, not a point
/// a few kilometres across a provincial border.</summary>
public static class ResidenceExtents
{
    /// <summary>China's extent: Zengmu Ansha to the Heilongjiang at Mohe, the Pamirs to the Wusuli.</summary>
    public static readonly GeoBox China = new(3.8, 53.6, 73.5, 135.1);

    // A degree (about 100 km) on every side: a district near its province's border, or a box drawn a little tight, still passes.
    private const double Margin = 1.0;

    // Each province's extent by its GB/T 2260 code; Hainan's holds the South China Sea islands (三沙).
    private static readonly Dictionary<string, GeoBox> Provinces = new Dictionary<string, GeoBox>(StringComparer.Ordinal)
    {
        ["11"] = new(39.4, 41.1, 115.4, 117.5), ["12"] = new(38.5, 40.3, 116.7, 118.1), ["13"] = new(36.0, 42.7, 113.4, 119.9),
        ["14"] = new(34.5, 40.8, 110.2, 114.6), ["15"] = new(37.4, 53.4, 97.2, 126.1), ["21"] = new(38.7, 43.5, 118.8, 125.8),
        ["22"] = new(40.8, 46.3, 121.6, 131.4), ["23"] = new(43.4, 53.6, 121.1, 135.1), ["31"] = new(30.6, 31.9, 120.8, 122.3),
        ["32"] = new(30.7, 35.2, 116.3, 122.0), ["33"] = new(27.0, 31.2, 118.0, 123.2), ["34"] = new(29.4, 34.7, 114.8, 119.7),
        ["35"] = new(23.5, 28.4, 115.8, 120.8), ["36"] = new(24.4, 30.1, 113.5, 118.5), ["37"] = new(34.3, 38.4, 114.8, 122.8),
        ["41"] = new(31.3, 36.4, 110.3, 116.7), ["42"] = new(29.0, 33.3, 108.3, 116.2), ["43"] = new(24.6, 30.2, 108.7, 114.3),
        ["44"] = new(20.2, 25.6, 109.6, 117.4), ["45"] = new(20.9, 26.4, 104.4, 112.1), ["46"] = new(3.8, 20.2, 108.6, 117.9),
        ["50"] = new(28.1, 32.2, 105.2, 110.2), ["51"] = new(26.0, 34.4, 97.3, 108.6), ["52"] = new(24.6, 29.3, 103.6, 109.6),
        ["53"] = new(21.1, 29.3, 97.5, 106.2), ["54"] = new(26.8, 36.5, 78.4, 99.1), ["61"] = new(31.7, 39.6, 105.4, 111.3),
        ["62"] = new(32.5, 42.8, 92.2, 108.7), ["63"] = new(31.6, 39.3, 89.4, 103.1), ["64"] = new(35.2, 39.4, 104.2, 107.7),
        ["65"] = new(34.3, 49.2, 73.5, 96.4),
    }.ToDictionary(p => p.Key, p => p.Value.Widened(Margin), StringComparer.Ordinal);

    /// <summary>Adds a refusal for each coordinate of a point (both already within −90 to 90 and −180 to 180) that lies outside
    /// China, or else outside the widened box of <paramref name="regionCode"/>'s province.</summary>
    public static void Check(string regionCode, double latitude, double longitude, RequestErrors errors)
    {
        const string Swapped = " (WGS 84); a point left at 0, 0 or with latitude and longitude swapped is refused";
        var inChina = China.HoldsLatitude(latitude) && China.HoldsLongitude(longitude);
        if (!China.HoldsLatitude(latitude))
            errors.Add("latitude", $"must lie in China: {China.Latitudes}{Swapped}");
        if (!China.HoldsLongitude(longitude))
            errors.Add("longitude", $"must lie in China: {China.Longitudes}{Swapped}");
        if (!inChina || !Provinces.TryGetValue(regionCode[..2], out var province))
            return;
        var near = $"must lie in or near province {regionCode[..2]} ({RegionCodes.CourtPrefixOf(regionCode[..2])}) of regionCode {regionCode}";
        if (!province.HoldsLatitude(latitude))
            errors.Add("latitude", $"{near}: {province.Latitudes} (WGS 84)");
        if (!province.HoldsLongitude(longitude))
            errors.Add("longitude", $"{near}: {province.Longitudes} (WGS 84)");
    }
}
