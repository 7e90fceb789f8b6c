using Credit.Api.Agencies.Access;
using Credit.Api.Subjects;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds;

/// <summary>An agency's changes after a change-log position: the interception read model's changes, each cut down to what
/// the agency sees of it (<see cref="AgencyView"/>). A reader that resumes from <see cref="AgencyChangePage.Next"/> never
/// misses a change.</summary>
public sealed class ChangeFeed(InterceptionChanges changes)
{
    public const int MaxLimit = 1000;

    /// <summary>Checks a position an agency asks to resume after, naming the field it came in. A position beyond the newest
    /// was never given out by this platform's log (a mistyped cursor, or one kept across a restore of the database): reading
    /// after it would skip every change until the log caught up, so the feed refuses it.</summary>
    public async Task CheckResumableAsync(long? after, string field, RequestErrors errors, CancellationToken cancellationToken)
    {
        if (after is < 0)
        {
            errors.Add(field, "must be a change-log position (0 or more)");
            return;
        }
        if (after is not { } position)
            return;
        var head = await changes.NewestAsync(cancellationToken);
        if (position > head)
        {
            errors.Add(field, FormattableString.Invariant(
                $"is beyond the newest change-log position, {head}: resume from a position this feed gave out, or take a new snapshot and follow from its {FeedEndpoints.PositionHeader}"));
        }
    }

    public async Task<AgencyChangePage> ReadAsync(AgencyScope scope, long after, int limit, CancellationToken cancellationToken)
    {
        var page = await changes.ReadAsync(scope.Triggers, scope.Area, after, limit, cancellationToken);
        var seen = new List<AgencyChange>(page.Changes.Count);
        foreach (var change in page.Changes)
        {
            if (AgencyView.Change(change.Position, change.Before, change.BeforeOn, change.After, change.AfterOn, scope) is { } agencyChange)
                seen.Add(agencyChange);
        }
        // A full page may have more behind it; a shorter one read everything up to the head.
        return new AgencyChangePage(seen, page.Changes.Count == limit ? page.Changes[^1].Position : Math.Max(page.Head, after));
    }
}
