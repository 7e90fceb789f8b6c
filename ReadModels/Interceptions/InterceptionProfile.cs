using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.ReadModels.Interceptions;

/// <summary>What the agencies may need to know about one subject: who it is and every item that a
/// measure follows. Each agency sees only the holds its measures cover and the fields it may receive.</summary>
public sealed record InterceptionProfile(
    string SubjectKey,
    DocumentType DocumentType,
    string IdNumber,
    string Name,
    Sex? Sex,
    DateOnly? BirthDate,
    IReadOnlyList<InterceptionHold> Holds)
{
    public InterceptionTriggers Triggers => Holds.Aggregate(InterceptionTriggers.None, (all, hold) => all | hold.Trigger);

    /// <summary>What agencies enforce of <paramref name="subject"/>: every active listing, consumption restriction and exit ban
    /// becomes a hold; items that ended (removed, lifted, expired, lapsed) give none. Names are given as they are published
    /// (<see cref="PublishedText"/>).</summary>
    public static InterceptionProfile Of(SubjectSnapshot subject)
    {
        var holds = new List<InterceptionHold>();
        foreach (var listing in subject.Listings.Where(l => l.Status == ListingStatus.Active))
        {
            holds.Add(new InterceptionHold(
                InterceptionTriggers.DishonestListing, listing.Id, listing.Court.Value, listing.CaseNumber.Value,
                listing.PublicationDate, listing.PeriodEnd, Outstanding(listing), PublishedText.OrNull(listing.ResponsiblePersons.LegalRepresentativeName()), null,
                listing.DecisionNumber, listing.DecisionDate));
        }
        foreach (var restriction in subject.Restrictions.Where(r => r.Status == RestrictionStatus.Active))
        {
            var source = subject.Listings.FirstOrDefault(l => l.Id == restriction.SourceListingId);
            var permissions = subject.TravelPermissions.Where(p => p.RestrictionId == restriction.Id)
                .Select(p => new HoldPermission(p.Id, p.Measure, p.From, p.Until)).ToList();
            holds.Add(new InterceptionHold(
                InterceptionTriggers.ConsumptionRestriction, restriction.Id, restriction.Court.Value, restriction.CaseNumber.Value,
                restriction.EffectiveFrom, null, source is null ? null : Outstanding(source), PublishedText.OrNull(restriction.ResponsiblePersons.LegalRepresentativeName()),
                PublishedText.OrNull(restriction.RepresentedEntityName),
                restriction.OrderNumber ?? source?.DecisionNumber, restriction.OrderDate ?? source?.DecisionDate,
                permissions.Count == 0 ? null : permissions));
        }
        foreach (var ban in subject.ExitBans.Where(b => b.Status == ExitBanStatus.Active))
        {
            holds.Add(new InterceptionHold(
                InterceptionTriggers.ExitBan, ban.Id, ban.Court.Value, ban.CaseNumber.Value, ban.StartDate, ban.EndDate, null, null,
                ban.ForEntity?.EntityName, ban.DecisionNumber, ban.DecisionDate));
        }
        var profile = subject.Profile;
        return new InterceptionProfile(profile.Id.Key, profile.Id.Type, profile.Id.Number, PublishedText.Of(profile.Name), profile.Sex, profile.BirthDate, holds);
    }

    private static decimal Outstanding(Listing listing) => Math.Max(0, listing.AmountOwed - listing.Performance.AmountPerformed);
}
