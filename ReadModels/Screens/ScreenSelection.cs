using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.ReadModels.Screens;

/// <summary>Which listings a screen channel shows. Every rule given must hold; a listing its court keeps off the screens is
/// never shown, and a screen shows dishonest-debtor listings only (what Art. 6 lets be published), never a subject who is
/// only consumption-restricted or banned from leaving.</summary>
/// <param name="Regions">Region-code prefixes (GB/T 2260: 2, 4 or 6 digits); empty for everywhere. A subject lies in them as
/// it lies in an agency unit's area (<see cref="Area"/>): by its document's region, else by the listing's court.</param>
/// <param name="Courts">Court-code prefixes (粤0103, or 粤01 for the intermediate court and every basic court below it);
/// empty for every court.</param>
/// <param name="MinimumAmountOwed">Only debtors who still owe at least this many yuan (<see cref="ScreenListing.AmountUnpaid"/>).</param>
/// <param name="PersonsOnly">Only natural persons, no entities.</param>
/// <param name="PhotoRequired">Only subjects whose ID photo a court uploaded.</param>
public sealed record ScreenSelection(
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Courts,
    decimal MinimumAmountOwed,
    bool PersonsOnly,
    bool PhotoRequired)
{
    private readonly Area? area = Regions.Count == 0 ? null : new Area(Regions);

    /// <summary>Whether the listing is one the channel shows, whatever the day (<see cref="ScreenListing.InForceOn"/> decides that).</summary>
    public bool Admits(ScreenListing listing) =>
        !listing.Excluded
        && listing.AmountUnpaid >= MinimumAmountOwed
        && (!PersonsOnly || !listing.IsEntity)
        && (!PhotoRequired || listing.PhotoId is not null)
        && (Courts.Count == 0 || Courts.Any(c => listing.CourtCode.StartsWith(c, StringComparison.Ordinal)))
        && (area is null || InArea(area, listing));

    // The region stands in for the document's number: a resident ID's first six characters are its region.
    private static bool InArea(Area area, ScreenListing listing) => listing.Region is { } region
        ? area.Contains(DocumentType.ResidentId, region, [listing.CourtCode])
        : area.Contains(DocumentType.Passport, "", [listing.CourtCode]);
}
