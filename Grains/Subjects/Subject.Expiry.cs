using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Who the history names for changes that time makes, not a court.</summary>
    public const string TimeActor = "system:expiry";

    /// <summary>Ends what has run out by today: fixed-term listings past their period (Art. 2) and exit
    /// bans past their end date. A listing is in force through its last day. Returns whether anything changed.</summary>
    public bool ExpireDue()
    {
        var today = Today;
        var changed = false;
        foreach (var listing in State.Listings.Where(l => l.Status == ListingStatus.Active && l.PeriodEnd < today).ToList())
        {
            Replace(listing with { Status = ListingStatus.Expired, End = new ListingEnd(RemovalReason.TermExpired, "the fixed term of Art. 2 ran out (Art. 10 ¶2)", clock.GetUtcNow()) });
            Record(ChangeKind.ListingExpired, listing.Id, $"Art. 10 ¶2: the term ended on {listing.PeriodEnd:yyyy-MM-dd}", SystemContext(listing.Court));
            changed = true;
        }
        foreach (var ban in State.ExitBans.Where(b => b.Status == ExitBanStatus.Active && b.EndDate < today).ToList())
        {
            State.ExitBans[State.ExitBans.FindIndex(b => b.Id == ban.Id)] = ban with { Status = ExitBanStatus.Lapsed };
            Record(ChangeKind.ExitBanLapsed, ban.Id, $"not renewed; ended on {ban.EndDate:yyyy-MM-dd}", SystemContext(ban.Court));
            changed = true;
        }
        return changed;
    }

    /// <summary>The next date on which something will run out, for the grain's reminder.</summary>
    public DateOnly? NextExpiry()
    {
        var ends = State.Listings.Where(l => l.Status == ListingStatus.Active && l.PeriodEnd is not null).Select(l => l.PeriodEnd!.Value)
            .Concat(State.ExitBans.Where(b => b.Status == ExitBanStatus.Active).Select(b => b.EndDate))
            .ToList();
        return ends.Count == 0 ? null : ends.Min();
    }

    private static CommandContext SystemContext(CourtCode court) => new(court, TimeActor, "", "");
}
