using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Finds the listing, restriction or exit ban that a hit answers to, and so the court and case that
/// hear of it. The agency names only the subject and its measure: who is answerable is the platform's record.</summary>
public sealed class ResponsibleHolds(NpgsqlDataSource database)
{
    /// <summary>A hold of the kinds <paramref name="triggers"/> that held at <paramref name="instant"/>: in force on its China
    /// day, and standing then. A hold stands from the instant the court's change that brought it was accepted (a listing, a
    /// restriction) until the instant of the change that ended it (a removal, a lift), so a hit earlier on its first day, or
    /// later on its last, answers to nothing: the platform held nothing the agency could have followed. It comes from the
    /// subject's current holds, or, for a report that arrives after the hold ended, from the subject's changes that had such
    /// a hold before or after them. Null if the subject was not intercepted that way then. With <paramref name="permission"/>,
    /// only the hold that carries that permission for necessary travel.</summary>
    public async Task<InterceptionHold?> FindAsync(string subjectKey, InterceptionTriggers triggers, DateTimeOffset instant, CancellationToken cancellationToken,
        Guid? permission = null)
    {
        var day = ChinaTime.DateOf(instant);
        IReadOnlyList<InterceptionHold> current = [];
        await using (var command = database.CreateCommand("SELECT holds::text FROM intercepted_subjects WHERE subject_key = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
            if (await command.ExecuteScalarAsync(cancellationToken) is string holds)
                current = InterceptionJson.Read(holds);
        }

        // The court's instant of the change where there is one (a repair has no change-log row: then when it was written).
        await using var history = database.CreateCommand("""
            SELECT c.holds_before::text, c.holds_after::text, coalesce(l.changed_at, c.changed_at)
            FROM interception_changes c LEFT JOIN change_log l ON l.position = c.position
            WHERE c.subject_key = $1 AND ((c.triggers_before | c.triggers_after) & $2) <> 0
            ORDER BY c.position DESC
            """);
        history.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        history.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
        var changes = new List<(IReadOnlyList<InterceptionHold> Before, IReadOnlyList<InterceptionHold> After, DateTimeOffset At)>();
        await using (var reader = await history.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                changes.Add((InterceptionJson.Read(reader.GetString(0)), InterceptionJson.Read(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        var standing = Standing(changes);
        bool StoodThen(InterceptionHold hold) => !standing.TryGetValue(hold.ItemId, out var spans) || spans.Any(s => s.Contains(instant));
        if (Pick(current.Where(StoodThen), triggers, day, permission) is { } hold)
            return hold;
        // Newest first: the latest form of a hold that stood then.
        foreach (var (before, after, _) in changes)
        {
            if (Pick(before.Concat(after).Where(StoodThen), triggers, day, permission) is { } found)
                return found;
        }
        return null;
    }

    /// <summary>When each hold the changes mention stood, from the changes newest first: from the change that brought it (or
    /// from always, if it stood before the oldest) until the change that ended it (or for now, if none has).</summary>
    private static Dictionary<Guid, List<Span>> Standing(List<(IReadOnlyList<InterceptionHold> Before, IReadOnlyList<InterceptionHold> After, DateTimeOffset At)> newestFirst)
    {
        var spans = new Dictionary<Guid, List<Span>>();
        // Oldest first, so that a hold brought, ended and brought again stands twice.
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            var (before, after, at) = newestFirst[i];
            foreach (var hold in before.ExceptBy(after.Select(h => h.ItemId), h => h.ItemId))
            {
                var held = spans.TryGetValue(hold.ItemId, out var list) ? list : spans[hold.ItemId] = [new Span(null, null)];
                held[^1] = held[^1] with { Until = at };
            }
            foreach (var hold in after.ExceptBy(before.Select(h => h.ItemId), h => h.ItemId))
                (spans.TryGetValue(hold.ItemId, out var list) ? list : spans[hold.ItemId] = []).Add(new Span(at, null));
        }
        return spans;
    }

    /// <summary>From one instant (null: before anything recorded) until another (null: still standing), the end excluded.</summary>
    private sealed record Span(DateTimeOffset? From, DateTimeOffset? Until)
    {
        public bool Contains(DateTimeOffset instant) => (From is not { } from || from <= instant) && (Until is not { } until || instant < until);
    }

    /// <summary>Of several holds (two courts' cases, a listing's restriction and a standalone one), the longest
    /// standing, so that the choice does not depend on the order the holds happen to be stored in.</summary>
    private static InterceptionHold? Pick(IEnumerable<InterceptionHold> holds, InterceptionTriggers triggers, DateOnly day, Guid? permission) =>
        holds.Where(h => (h.Trigger & triggers) != 0 && h.InForceOn(day) && (permission is null || h.Permissions?.Any(p => p.Id == permission) == true))
            .OrderBy(h => h.Since)
            .ThenBy(h => h.Court, StringComparer.Ordinal)
            .ThenBy(h => h.CaseNumber, StringComparer.Ordinal)
            .ThenBy(h => h.ItemId)
            .FirstOrDefault();
}
