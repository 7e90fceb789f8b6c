using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Grains.Interfaces.Subjects;

/// <summary>Everything held about one subject, as of <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("credit.SubjectSnapshot")]
public sealed record SubjectSnapshot(
    [property: Id(0)] SubjectProfile Profile,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<Listing> Listings,
    [property: Id(3)] IReadOnlyList<ConsumptionRestriction> Restrictions,
    [property: Id(4)] IReadOnlyList<ExitBan> ExitBans,
    [property: Id(5)] IReadOnlyList<TravelPermission> TravelPermissions);
