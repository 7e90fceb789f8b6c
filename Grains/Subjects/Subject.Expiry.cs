using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;

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

    /// <summary>Records what time alone changed by today: what ran out (<see cref="ExpireDue"/>) and what began
    /// (<see cref="BeginDue"/>). Returns whether anything changed.</summary>
    public bool ApplyTime() => ExpireDue() | BeginDue();

    /// <summary>Records the first day of every exit ban that was decided before it started: until that day the ban
    /// stopped nobody, and agencies following the changes learn of it on that day. A ban that started on the day it was
    /// imposed needs no such record. Returns whether anything changed.</summary>
    public bool BeginDue()
    {
        var today = Today;
        var changed = false;
        foreach (var ban in State.ExitBans.Where(b => b.Status == ExitBanStatus.Active && b.StartDate <= today && AwaitsItsStart(b)).ToList())
        {
            Record(ChangeKind.ExitBanTookEffect, ban.Id, $"in force from {ban.StartDate:yyyy-MM-dd}, as decided", SystemContext(ban.Court));
            changed = true;
        }
        return changed;
    }

    /// <summary>Imposed before its first day, and that day not yet recorded.</summary>
    private bool AwaitsItsStart(ExitBan ban)
    {
        var imposed = State.History.Find(h => h.ItemId == ban.Id && h.Kind == ChangeKind.ExitBanImposed);
        return imposed is not null && ChinaTime.DateOf(imposed.At) < ban.StartDate
            && !State.History.Exists(h => h.ItemId == ban.Id && h.Kind == ChangeKind.ExitBanTookEffect);
    }

    /// <summary>The next day on which time alone changes something (the day after a last day, or the first day of a ban
    /// decided ahead), for the grain's reminder to wake on.</summary>
    public DateOnly? NextTimeChange()
    {
        var today = Today;
        var nextEnd = NextExpiry()?.AddDays(1);
        var nextStart = State.ExitBans.Where(b => b.Status == ExitBanStatus.Active && b.StartDate > today).Select(b => (DateOnly?)b.StartDate).Min();
        return (nextEnd, nextStart) switch
        {
            ({ } end, { } start) => end < start ? end : start,
            _ => nextEnd ?? nextStart,
        };
    }

    /// <summary>The next date on which something will run out.</summary>
    public DateOnly? NextExpiry()
    {
        var ends = State.Listings.Where(l => l.Status == ListingStatus.Active && l.PeriodEnd is not null).Select(l => l.PeriodEnd!.Value)
            .Concat(State.ExitBans.Where(b => b.Status == ExitBanStatus.Active).Select(b => b.EndDate))
            .ToList();
        return ends.Count == 0 ? null : ends.Min();
    }

    private static CommandContext SystemContext(CourtCode court) => new(court, TimeActor, "", "");
}
