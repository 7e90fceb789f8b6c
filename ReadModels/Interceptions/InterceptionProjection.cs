using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Postgres;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Keeps the agencies' read model inside the subject projection's transaction: the subject's
/// current holds in <c>intercepted_subjects</c>, and a row in <c>interception_changes</c> whenever they
/// or the subject's identity changed. The caller holds the subject's projection lock.</summary>
internal static class InterceptionProjection
{
    /// <summary>For the projection of a subject's changes: at the log position of the last of them, as of <paramref name="today"/>.
    /// A change is written when the holds or the identity changed, and also when they did not but time alone moved what
    /// is in force since the row's view was last taken (an exit ban began, a hold passed its last day).</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubjectSnapshot subject, long position, DateOnly today, CancellationToken cancellationToken)
    {
        var profile = InterceptionProfile.Of(subject);
        var after = InterceptedSubject.Of(profile);
        var stored = await ReadAsync(connection, transaction, after.SubjectKey, after, cancellationToken);
        if (Agrees(stored, after) && (stored is null || SameInForce(profile.Holds, stored.AsOf, today)))
            return;
        await WriteAsync(connection, transaction, [(stored?.Row, after)], stored?.AsOf ?? today, today, position, repair: false, cancellationToken);
    }

    /// <summary>For reconciliation: makes the subject's row what <paramref name="subject"/> (null: no state, so no row)
    /// says, at new log positions, so that agencies following the changes see the repair. Returns whether it wrote.</summary>
    public static async Task<bool> RepairAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string subjectKey, SubjectSnapshot? subject, DateOnly today, CancellationToken cancellationToken)
    {
        var expected = subject is null ? null : InterceptedSubject.Of(InterceptionProfile.Of(subject));
        var stored = await ReadAsync(connection, transaction, subjectKey, expected, cancellationToken);
        var after = expected ?? stored?.Row.Releasing();
        if (after is null || Agrees(stored, after))
            return false;
        // A row naming the subject by another document, number, sex or birth date is removed as it stood and the
        // subject added anew: a single change would carry only the new identity, and a follower would keep the old one.
        IReadOnlyList<(InterceptedSubject?, InterceptedSubject)> changes = stored is { } wrong && !after.Released && !wrong.Row.SameIdentityAs(after)
            ? [(wrong.Row, wrong.Row.Releasing()), (null, after)]
            : [(stored?.Row, after)];
        var last = await ChangeLogPositions.TakeAsync(connection, transaction, changes.Count, cancellationToken);
        await WriteAsync(connection, transaction, changes, stored?.AsOf ?? today, today, last - changes.Count + 1, repair: true, cancellationToken);
        return true;
    }

    /// <summary>Whether the same holds put the same of them in force on both days.</summary>
    private static bool SameInForce(IReadOnlyList<InterceptionHold> holds, DateOnly earlier, DateOnly today) =>
        earlier == today || holds.All(hold => hold.InForceOn(earlier) == hold.InForceOn(today));

    private static bool Agrees(Stored? stored, InterceptedSubject after) => after.Released ? stored is null : stored is { Agrees: true };

    /// <summary>Each change at its own position from <paramref name="firstPosition"/> on, in order. The first change's holds
    /// before are read as of <paramref name="beforeOn"/> (the day the agencies were last told of the subject); every other
    /// view as of <paramref name="today"/>, the day the row now records.</summary>
    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<(InterceptedSubject? Before, InterceptedSubject After)> changes, DateOnly beforeOn, DateOnly today, long firstPosition, bool repair,
        CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var position = firstPosition;
        foreach (var (before, after) in changes)
        {
            if (after.Released)
            {
                batch.BatchCommands.Add(Command("DELETE FROM intercepted_subjects WHERE subject_key = $1", after.SubjectKey));
            }
            else
            {
                batch.BatchCommands.Add(Command("""
                    INSERT INTO intercepted_subjects (subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position, as_of)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10)
                    ON CONFLICT (subject_key) DO UPDATE SET document_type = excluded.document_type, id_number = excluded.id_number,
                        name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date,
                        triggers = excluded.triggers, holds = excluded.holds, position = excluded.position, as_of = excluded.as_of
                    """,
                    after.SubjectKey, after.DocumentType, after.IdNumber, after.Name, after.Sex, after.BirthDate, after.Triggers, after.Holds, position, today));
            }
            batch.BatchCommands.Add(Command("""
                INSERT INTO interception_changes (position, subject_key, document_type, id_number, name, name_before, sex, birth_date,
                    triggers_before, triggers_after, holds_before, holds_after, repair, before_on, after_on)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12::json, $13, $14, $15)
                """,
                position, after.SubjectKey, after.DocumentType, after.IdNumber, after.Name, before?.Name ?? after.Name, after.Sex, after.BirthDate,
                before?.Triggers ?? 0, after.Triggers, before?.Holds ?? "[]", after.Holds, repair, position == firstPosition ? beforeOn : today, today));
            position++;
        }
        // Delivered at commit: the feeds wake at once instead of at their next poll.
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{InterceptionJson.NotificationChannel}', $1)", (position - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Stored(InterceptedSubject Row, bool Agrees, DateOnly AsOf);

    /// <summary>The stored row, and whether every column equals <paramref name="expected"/>'s (holds as jsonb values,
    /// whitespace and key order aside), which PostgreSQL tells without the text being parsed here.</summary>
    private static async Task<Stored?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, InterceptedSubject? expected, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("""
            SELECT document_type, id_number, name, sex, birth_date, triggers, holds::text, as_of,
                   (document_type, id_number, name, sex, birth_date, triggers, holds::jsonb) IS NOT DISTINCT FROM ($2::text, $3::text, $4::text, $5::text, $6::date, $7::int, $8::jsonb)
            FROM intercepted_subjects WHERE subject_key = $1
            """, connection, transaction);
        object?[] values = [key, expected?.DocumentType, expected?.IdNumber, expected?.Name, expected?.Sex, expected?.BirthDate, expected?.Triggers, expected?.Holds];
        foreach (var value in values)
            read.Parameters.Add(PositionalParameter.For(value));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var row = new InterceptedSubject(key, reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.GetInt32(5), reader.GetString(6));
        return new Stored(row, reader.GetBoolean(8), reader.GetFieldValue<DateOnly>(7));
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(PositionalParameter.For(value));
        return command;
    }
}
