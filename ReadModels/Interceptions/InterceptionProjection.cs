using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Interceptions;

/// <summary>Keeps the agencies' read model inside the subject projection's transaction: the subject's
/// current holds in <c>intercepted_subjects</c>, and a row in <c>interception_changes</c> whenever they
/// or the subject's identity changed. The caller holds the subject's projection lock.</summary>
internal static class InterceptionProjection
{
    /// <summary>The subject's row as its projection makes it, to compare with the stored one that <see cref="ReadAll"/> reads.</summary>
    internal sealed record Reading(InterceptionProfile Profile, InterceptedSubject After);

    public static Reading Read(SubjectSnapshot subject)
    {
        var profile = InterceptionProfile.Of(subject);
        return new Reading(profile, InterceptedSubject.Of(profile));
    }

    /// <summary>The statement, for the projection's first batch (after the subjects' locks), that reads the stored rows of all
    /// the subjects at once and tells of each whether it equals the row the projection makes (<see cref="ReadCommand"/>'s
    /// comparison). The subquery per subject (kept one by its LIMIT) is an index lookup each, whatever plan a prepared
    /// statement settles on.</summary>
    public static NpgsqlBatchCommand ReadAll(IReadOnlyList<Reading> readings)
    {
        var read = new NpgsqlBatchCommand("""
            SELECT k.i, s.document_type, s.id_number, s.name, s.sex, s.birth_date, s.triggers, s.holds::text, s.as_of,
                   (s.document_type, s.id_number, s.name, s.sex, s.birth_date, s.triggers, s.holds::jsonb)
                       IS NOT DISTINCT FROM (k.document_type, k.id_number, k.name, k.sex, k.birth_date, k.triggers, k.holds::jsonb)
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::int[], $8::text[]) WITH ORDINALITY
                AS k(subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, i)
            CROSS JOIN LATERAL (SELECT * FROM intercepted_subjects WHERE subject_key = k.subject_key LIMIT 1) s
            """);
        var rows = readings.Select(r => r.After).ToList();
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.SubjectKey)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.DocumentType)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.IdNumber)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.Name)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.Sex)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Date, rows.ConvertAll(r => r.BirthDate)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Integer, rows.ConvertAll(r => r.Triggers)));
        read.Parameters.Add(ArrayParameter.Of(NpgsqlDbType.Text, rows.ConvertAll(r => r.Holds)));
        return read;
    }

    /// <summary>What <see cref="ReadAll"/> found, from the reader's current result: each subject's stored row, in the order given.</summary>
    public static async Task<Stored?[]> StoredAllAsync(NpgsqlDataReader reader, IReadOnlyList<Reading> readings, CancellationToken cancellationToken)
    {
        var stored = new Stored?[readings.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            var i = (int)reader.GetInt64(0) - 1;
            stored[i] = StoredFrom(reader, readings[i].After.SubjectKey, first: 1);
        }
        return stored;
    }

    /// <summary>For the projection of a subject's changes: adds to <paramref name="rows"/> what writes them at the log position
    /// of the last of them, as of <paramref name="today"/>, given the stored row that <see cref="Read"/>'s statement found;
    /// returns whether anything is to be written. A change is written when the holds or the identity changed, and also when
    /// they did not but time alone moved what is in force since the row's view was last taken (an exit ban began, a hold
    /// passed its last day).</summary>
    public static bool Apply(Reading reading, Stored? stored, long position, DateOnly today, InterceptionRows rows)
    {
        var after = reading.After;
        if (Agrees(stored, after) && (stored is null || SameInForce(reading.Profile.Holds, stored.AsOf, today)))
            return false;
        Write(rows, [(stored?.Row, after)], stored?.AsOf ?? today, today, position, repair: false);
        return true;
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
        var rows = new InterceptionRows();
        Write(rows, changes, stored?.AsOf ?? today, today, last - changes.Count + 1, repair: true);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in rows.Commands())
            batch.BatchCommands.Add(command);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the same holds put the same of them in force on both days.</summary>
    private static bool SameInForce(IReadOnlyList<InterceptionHold> holds, DateOnly earlier, DateOnly today) =>
        earlier == today || holds.All(hold => hold.InForceOn(earlier) == hold.InForceOn(today));

    private static bool Agrees(Stored? stored, InterceptedSubject after) => after.Released ? stored is null : stored is { Agrees: true };

    /// <summary>Each change at its own position from <paramref name="firstPosition"/> on, in order. The first change's holds
    /// before are read as of <paramref name="beforeOn"/> (the day the agencies were last told of the subject); every other
    /// view as of <paramref name="today"/>, the day the row now records.</summary>
    private static void Write(InterceptionRows rows, IReadOnlyList<(InterceptedSubject? Before, InterceptedSubject After)> changes, DateOnly beforeOn,
        DateOnly today, long firstPosition, bool repair)
    {
        var position = firstPosition;
        foreach (var (before, after) in changes)
        {
            rows.Add(before, after, position, position == firstPosition ? beforeOn : today, today, repair);
            position++;
        }
    }

    internal sealed record Stored(InterceptedSubject Row, bool Agrees, DateOnly AsOf);

    /// <summary>Reads the stored row for a repair.</summary>
    private static async Task<Stored?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, InterceptedSubject? expected, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { ReadCommand(key, expected) } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await StoredAsync(reader, key, cancellationToken);
    }

    /// <summary>The stored row, and whether every column equals <paramref name="expected"/>'s (holds as jsonb values,
    /// whitespace and key order aside), which PostgreSQL tells without the text being parsed here.</summary>
    private static NpgsqlBatchCommand ReadCommand(string key, InterceptedSubject? expected)
    {
        var read = new NpgsqlBatchCommand("""
            SELECT document_type, id_number, name, sex, birth_date, triggers, holds::text, as_of,
                   (document_type, id_number, name, sex, birth_date, triggers, holds::jsonb) IS NOT DISTINCT FROM ($2::text, $3::text, $4::text, $5::text, $6::date, $7::int, $8::jsonb)
            FROM intercepted_subjects WHERE subject_key = $1
            """);
        object?[] values = [key, expected?.DocumentType, expected?.IdNumber, expected?.Name, expected?.Sex, expected?.BirthDate, expected?.Triggers, expected?.Holds];
        foreach (var value in values)
            read.Parameters.Add(PositionalParameter.For(value));
        return read;
    }

    /// <summary>What <see cref="ReadCommand"/> found, from the reader's current result.</summary>
    public static async Task<Stored?> StoredAsync(NpgsqlDataReader reader, string key, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return StoredFrom(reader, key, first: 0);
    }

    /// <summary>The stored row from the reader's current row, its columns from <paramref name="first"/> on.</summary>
    private static Stored StoredFrom(NpgsqlDataReader reader, string key, int first)
    {
        var row = new InterceptedSubject(key, reader.GetString(first), reader.GetString(first + 1), reader.GetString(first + 2),
            reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3), reader.IsDBNull(first + 4) ? null : reader.GetFieldValue<DateOnly>(first + 4),
            reader.GetInt32(first + 5), reader.GetString(first + 6));
        return new Stored(row, reader.GetBoolean(first + 8), reader.GetFieldValue<DateOnly>(first + 7));
    }
}
