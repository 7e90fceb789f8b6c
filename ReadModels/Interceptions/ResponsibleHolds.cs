using Credit.Grains.Interfaces.Time;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Finds the listing, restriction or exit ban that a hit answers to, and so the court and case that
/// hear of it. The agency names only the subject and its measure: who is answerable is the platform's record.</summary>
public sealed class ResponsibleHolds(NpgsqlDataSource database)
{
    /// <summary>A hold of the kinds <paramref name="triggers"/> that held at <paramref name="instant"/>: in force on its China
    /// day, and not yet ended then. It comes from the subject's current holds, or, for a report that arrives after the hold
    /// ended, from the subject's changes that had such a hold before or after them: a hold ends at the instant the court's
    /// change that ended it was accepted (a removal, a lift), so a hit later that same day answers to nothing. Null if the
    /// subject was not intercepted that way then. With <paramref name="permission"/>, only the hold that carries that
    /// permission for necessary travel.</summary>
    public async Task<InterceptionHold?> FindAsync(string subjectKey, InterceptionTriggers triggers, DateTimeOffset instant, CancellationToken cancellationToken,
        Guid? permission = null)
    {
        var day = ChinaTime.DateOf(instant);
        await using (var current = database.CreateCommand("SELECT holds::text FROM intercepted_subjects WHERE subject_key = $1"))
        {
            current.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
            if (await current.ExecuteScalarAsync(cancellationToken) is string holds && Pick(InterceptionJson.Read(holds), triggers, day, permission) is { } hold)
                return hold;
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
        // Newest first, so the first change that mentions a hold tells whether it still stood after it, and if not, when it ended.
        var ended = new Dictionary<Guid, DateTimeOffset?>();
        await using var reader = await history.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var before = InterceptionJson.Read(reader.GetString(0));
            var after = InterceptionJson.Read(reader.GetString(1));
            var at = reader.GetFieldValue<DateTimeOffset>(2);
            foreach (var hold in after)
                ended.TryAdd(hold.ItemId, null);
            foreach (var hold in before)
                ended.TryAdd(hold.ItemId, at);
            var standing = before.Concat(after).Where(h => ended[h.ItemId] is not { } end || instant < end);
            if (Pick(standing, triggers, day, permission) is { } found)
                return found;
        }
        return null;
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
