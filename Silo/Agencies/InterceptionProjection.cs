using Credit.Grains.Agencies;
using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Subjects;
using Credit.Silo.Storage;
using Npgsql;

namespace Credit.Silo.Agencies;

/// <summary>Keeps the agencies' read model inside the subject projection's transaction: the subject's
/// current holds in <c>intercepted_subjects</c>, and a row in <c>interception_changes</c> whenever they
/// or the subject's identity changed. The caller holds the subject's projection lock.</summary>
internal static class InterceptionProjection
{
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SubjectSnapshot subject, long position, CancellationToken cancellationToken)
    {
        var after = Interceptions.ProfileOf(subject);
        var afterHolds = InterceptionJson.Write(after.Holds);
        var before = await ReadAsync(connection, transaction, after.SubjectKey, afterHolds, cancellationToken);
        if (before is null && after.Holds.Count == 0)
            return;
        if (before is { SameHolds: true } known && known.Name == after.Name)
            return;

        var batch = new NpgsqlBatch(connection, transaction);
        if (after.Holds.Count == 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM intercepted_subjects WHERE subject_key = $1", after.SubjectKey));
        }
        else
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO intercepted_subjects (subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9)
                ON CONFLICT (subject_key) DO UPDATE SET name = excluded.name, sex = excluded.sex, birth_date = excluded.birth_date,
                    triggers = excluded.triggers, holds = excluded.holds, position = excluded.position
                """,
                after.SubjectKey, after.DocumentType.ToString(), after.IdNumber, after.Name, after.Sex?.ToString(), after.BirthDate,
                (int)after.Triggers, afterHolds, position));
        }
        batch.BatchCommands.Add(Command("""
            INSERT INTO interception_changes (position, subject_key, document_type, id_number, name, name_before, sex, birth_date,
                triggers_before, triggers_after, holds_before, holds_after)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::json, $12::json)
            """,
            position, after.SubjectKey, after.DocumentType.ToString(), after.IdNumber, after.Name, before?.Name ?? after.Name, after.Sex?.ToString(), after.BirthDate,
            before?.Triggers ?? 0, (int)after.Triggers, before?.Holds ?? "[]", afterHolds));
        // Delivered at commit: the feeds wake at once instead of at their next poll.
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{InterceptionJson.NotificationChannel}', $1)", position.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Stored(string Name, int Triggers, string Holds, bool SameHolds);

    /// <summary>The stored state, and whether its holds equal <paramref name="holds"/> as jsonb values (whitespace
    /// and key order aside), which PostgreSQL tells without the text being parsed here.</summary>
    private static async Task<Stored?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, string holds, CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(
            "SELECT name, triggers, holds::text, holds::jsonb = $2::jsonb FROM intercepted_subjects WHERE subject_key = $1", connection, transaction);
        read.Parameters.Add(new NpgsqlParameter { Value = key });
        read.Parameters.Add(new NpgsqlParameter { Value = holds });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new Stored(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetBoolean(3));
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(PositionalParameter.For(value));
        return command;
    }
}
