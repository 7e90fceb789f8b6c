using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Interceptions.Areas;

/// <summary>Where an agency unit works, as region-code prefixes (440103 荔湾区; 4401 all of Guangzhou). A subject lies in the
/// area when the region its document names does (<see cref="RegionCodes.OfDocument"/>: where a person's number was issued,
/// where an entity was registered). A subject whose document names no region (a passport or permit), or names the whole
/// city the area lies in (440101, an entity registered with the city), lies there when a court of the area enforces one of
/// its holds: the enforcing court's area is the best the platform knows of such a subject.</summary>
/// <remarks>Where a subject lives is a second source the platform does not record yet. When it does, a subject lies in the
/// area by either region: <see cref="ContainsDocument"/> and <see cref="AreaSql"/> are the two places that take it in.</remarks>
public sealed class Area
{
    private readonly string[] prefixes;

    public Area(IEnumerable<string> prefixes) => this.prefixes = [.. prefixes];

    public IReadOnlyList<string> Prefixes => prefixes;

    /// <summary>The prefecture-level cities the area lies in or is (4401 for 440103), whose city-wide codes leave it to the courts.</summary>
    public IEnumerable<string> Cities => prefixes.Where(p => p.Length >= 4).Select(p => p[..4]).Distinct(StringComparer.Ordinal);

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

    /// <summary>Whether the subject's document places it in the area; null when the document names no region, or the
    /// whole city the area lies in, and the courts of its holds decide (<see cref="ContainsCourt"/>).</summary>
    public bool? ContainsDocument(DocumentType type, ReadOnlySpan<char> number)
    {
        var region = RegionCodes.OfDocument(type, number);
        if (region.IsEmpty)
            return null;
        if (Contains(region))
            return true;
        if (RegionCodes.IsCityWide(region))
        {
            foreach (var prefix in prefixes)
            {
                if (prefix.Length >= 4 && region.StartsWith(prefix.AsSpan(0, 4), StringComparison.Ordinal))
                    return null;
            }
        }
        return false;
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
