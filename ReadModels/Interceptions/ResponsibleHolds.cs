using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Finds the listing, restriction or exit ban that a hit answers to, and so the court and case that
/// hear of it. The agency names only the subject and its measure: who is answerable is the platform's record.</summary>
public sealed class ResponsibleHolds(NpgsqlDataSource database)
{
    /// <summary>A hold of the kinds <paramref name="triggers"/> that held on <paramref name="day"/>: from the subject's
    /// current holds, or, for a report that arrives after the subject was released, from the latest change of the
    /// subject that had such a hold before or after it. Null if the subject was never intercepted that way then.
    /// With <paramref name="permission"/>, only the hold that carries that permission for necessary travel.</summary>
    public async Task<InterceptionHold?> FindAsync(string subjectKey, InterceptionTriggers triggers, DateOnly day, CancellationToken cancellationToken,
        Guid? permission = null)
    {
        await using (var current = database.CreateCommand("SELECT holds::text FROM intercepted_subjects WHERE subject_key = $1"))
        {
            current.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
            if (await current.ExecuteScalarAsync(cancellationToken) is string holds && Pick(InterceptionJson.Read(holds), triggers, day, permission) is { } hold)
                return hold;
        }

        await using var history = database.CreateCommand("""
            SELECT holds_before::text, holds_after::text FROM interception_changes
            WHERE subject_key = $1 AND ((triggers_before | triggers_after) & $2) <> 0
            ORDER BY position DESC
            """);
        history.Parameters.Add(new NpgsqlParameter { Value = subjectKey });
        history.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
        await using var reader = await history.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var holds = InterceptionJson.Read(reader.GetString(0)).Concat(InterceptionJson.Read(reader.GetString(1)));
            if (Pick(holds, triggers, day, permission) is { } hold)
                return hold;
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
