using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Agencies.Regions;

/// <summary>Where an agency unit works, as region-code prefixes (440103 荔湾区; 4401 all of Guangzhou). A subject lies in the
/// area when the region its document names does (<see cref="RegionCodes.OfDocument"/>: where a person's number was issued,
/// where an entity was registered). A subject whose document names no county-level region (a passport or permit, a credit
/// code registered at city level) lies there when a court of the area enforces one of its holds: the enforcing court's area
/// is the best the platform knows of such a subject.</summary>
/// <remarks>Where a subject lives is a second source the platform does not record yet. When it does, a subject lies in the
/// area by either region: <see cref="ContainsDocument"/> and <see cref="AreaSql"/> are the two places that take it in.</remarks>
public sealed class Area
{
    private readonly string[] prefixes;

    public Area(IEnumerable<string> prefixes)
    {
        this.prefixes = [.. prefixes];
        RegionPatterns = [.. this.prefixes.Select(p => p + "%")];
        CourtPatterns = [.. this.prefixes.Select(p => RegionCodes.CourtPrefixOf(p) + "%")];
    }

    public IReadOnlyList<string> Prefixes => prefixes;

    /// <summary>SQL LIKE patterns of the regions in the area (440103%).</summary>
    public string[] RegionPatterns { get; }

    /// <summary>SQL LIKE patterns of the codes of the area's courts (粤0103%).</summary>
    public string[] CourtPatterns { get; }

    public bool Contains(ReadOnlySpan<char> region)
    {
        if (region.IsEmpty)
            return false;
        foreach (var prefix in prefixes)
        {
            if (region.StartsWith(prefix, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>Whether the subject's document places it in the area; null when the document names no region and the
    /// courts of its holds decide (<see cref="ContainsCourt"/>).</summary>
    public bool? ContainsDocument(DocumentType type, ReadOnlySpan<char> number)
    {
        var region = RegionCodes.OfDocument(type, number);
        return region.IsEmpty ? null : Contains(region);
    }

    public bool ContainsCourt(ReadOnlySpan<char> court) => RegionCodes.OfCourt(court) is { } region && Contains(region);

    /// <summary>Whether a subject lies in the area: by its document's region, or, when the document names none, by
    /// <paramref name="courts"/>, the courts of the holds that the agency's measures follow (enumerated only then).</summary>
    public bool Contains(DocumentType type, ReadOnlySpan<char> number, IEnumerable<string> courts)
    {
        if (ContainsDocument(type, number) is { } decided)
            return decided;
        foreach (var court in courts)
        {
            if (ContainsCourt(court))
                return true;
        }
        return false;
    }
}
