using System.Text.Json;
using System.Text.Json.Serialization;
using Credit.Api.Configuration;
using Credit.Api.Screens.Channels;
using Credit.Grains.Interfaces.Partners;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Partners.Catalogue;

/// <summary>Reads the partner file and checks every rule before anything is built from it, so a mistake is refused whole,
/// with each entry at fault and its rule named.</summary>
public static class PartnerFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record FileShape(List<PartnerEntry?>? Partners);

    private sealed record PartnerEntry(string? Code, string? NameZh, string? NameEn, string? Kind, List<string?>? Fields, PartnerFilterRequest? Filter,
        List<string?>? Delivery);

    /// <exception cref="WatchedFileException">The text breaks a rule.</exception>
    public static PartnerCatalogue Parse(string json, string source)
    {
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(json, Json);
        }
        catch (JsonException exception)
        {
            throw new WatchedFileException(source, [$"not a partner file in JSON: {exception.Message}"]);
        }
        if (file is null)
            throw new WatchedFileException(source, ["the file holds null instead of an object with partners"]);
        var problems = new List<string>();
        var partners = new List<PartnerDefinition>();
        foreach (var (entry, i) in (file.Partners ?? []).Select((e, i) => (e, i)))
        {
            var at = $"partners[{i}]";
            if (entry is null)
            {
                problems.Add($"{at}: is null");
                continue;
            }
            at = entry.Code is null ? at : $"{at} ({entry.Code})";
            if (entry.Code is null || !ScreenChannelFile.Code().IsMatch(entry.Code) || entry.Code.Length > 64)
                problems.Add($"{at}.code: must be at most 64 lower-case letters and digits joined by hyphens, e.g. news-app");
            else if (partners.Any(p => p.Code == entry.Code))
                problems.Add($"{at}.code: '{entry.Code}' is given twice");
            if (string.IsNullOrWhiteSpace(entry.NameZh))
                problems.Add($"{at}.nameZh: must not be empty");
            if (!Enum.TryParse<PartnerKind>(entry.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
                problems.Add($"{at}.kind: must be one of {string.Join(", ", Enum.GetNames<PartnerKind>())}");
            var fields = new HashSet<PartnerField>();
            foreach (var field in entry.Fields ?? [])
            {
                if (Enum.TryParse<PartnerField>(field, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
                    fields.Add(parsed);
                else
                    problems.Add($"{at}.fields: '{field}' must be one of {string.Join(", ", Enum.GetNames<PartnerField>())}");
            }
            var delivery = new HashSet<PartnerDelivery>();
            foreach (var way in entry.Delivery ?? [])
            {
                if (Enum.TryParse<PartnerDelivery>(way, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed))
                    delivery.Add(parsed);
                else
                    problems.Add($"{at}.delivery: '{way}' must be one of {string.Join(", ", Enum.GetNames<PartnerDelivery>())}");
            }
            if (delivery.Count == 0)
                problems.Add($"{at}.delivery: must name at least one way ({string.Join(", ", Enum.GetNames<PartnerDelivery>())})");
            var filter = Filter(entry.Filter, $"{at}.filter", (field, rule) => problems.Add($"{field}: {rule}"));
            partners.Add(new PartnerDefinition(entry.Code ?? "", entry.NameZh ?? "", entry.NameEn ?? "", kind, fields, filter, delivery));
        }
        if (problems.Count > 0)
            throw new WatchedFileException(source, problems);
        return new PartnerCatalogue(partners);
    }

    /// <summary>A filter of the file or of a subscription request, each broken rule told to <paramref name="problem"/> with the
    /// path of its field.</summary>
    public static PartnerFilter Filter(PartnerFilterRequest? entry, string at, Action<string, string> problem)
    {
        if (entry is null)
            return PartnerFilter.Everything;
        var regions = entry.Regions ?? [];
        foreach (var region in regions.Where(r => !RegionCodes.IsValidPrefix(r)))
            problem($"{at}.regions", $"'{region}' must be 2, 4 or 6 digits of a region code (GB/T 2260), e.g. 4401");
        if (entry.MinimumAmountOwed is < 0)
            problem($"{at}.minimumAmountOwed", $"must not be negative");
        Geofence? fence = null;
        if (entry.Geofence is { } g)
        {
            if (g.Latitude is not (>= -90 and <= 90))
                problem($"{at}.geofence.latitude", $"must be −90 to 90 degrees");
            if (g.Longitude is not (>= -180 and <= 180))
                problem($"{at}.geofence.longitude", $"must be −180 to 180 degrees");
            if (g.RadiusKm is not (>= 0.1 and <= 500))
                problem($"{at}.geofence.radiusKm", $"must be 0.1 to 500 km");
            fence = new Geofence(g.Latitude ?? 0, g.Longitude ?? 0, g.RadiusKm ?? 0);
        }
        return new PartnerFilter([.. regions.OfType<string>()], fence, entry.MinimumAmountOwed ?? 0, entry.PersonsOnly ?? false, entry.PhoneRequired ?? false);
    }
}
