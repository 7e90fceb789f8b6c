using System.Diagnostics;
using Credit.Bench.Seeding;
using Npgsql;
using NpgsqlTypes;

namespace Credit.Bench.Agencies.Seeding;

/// <summary>What the seeded table holds, by kind of hold.</summary>
public sealed record SeededCounts(long Subjects, long Listed, long ConsumptionOnly, long ExitBanned, long Entities, long Position);

/// <summary>Fills <c>intercepted_subjects</c> with binary COPY, as if the subject projection had written every row: the rows
/// take the change-log positions after the newest taken, and the positions' sequence moves to the last of them, so the
/// platform's next change comes after it. Runs before the platform starts: nothing else writes meanwhile.</summary>
public sealed class InterceptionSeeder(NpgsqlDataSource database)
{
    private const string CopyCommand = """
        COPY intercepted_subjects (subject_key, document_type, id_number, name, sex, birth_date, triggers, holds, position)
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<SeededCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE triggers & 1 <> 0), count(*) FILTER (WHERE triggers & 1 = 0),
                   count(*) FILTER (WHERE triggers & 4 <> 0), count(*) FILTER (WHERE document_type = 'CreditCode'),
                   change_log_newest()
            FROM intercepted_subjects
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SeededCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>The change-log position the next seeded row takes.</summary>
    public async Task<long> NextPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT change_log_newest() + 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<SeedTimings> SeedAsync(IEnumerable<SeedSubject> subjects, Action<long> progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ListingSeeder.Execute(connection, "TRUNCATE intercepted_subjects, interception_changes", cancellationToken);
        var indexes = await ListingSeeder.SecondaryIndexesAsync(connection, "intercepted_subjects", cancellationToken);
        foreach (var (name, _) in indexes)
            await ListingSeeder.Execute(connection, $"DROP INDEX \"{name}\"", cancellationToken);

        var clock = Stopwatch.StartNew();
        long last = 0, written = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken))
        {
            foreach (var row in subjects)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.SubjectKey, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.DocumentType, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.IdNumber, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
                await (row.Sex is { } sex ? writer.WriteAsync(sex, NpgsqlDbType.Text, cancellationToken) : writer.WriteNullAsync(cancellationToken));
                await (row.BirthDate is { } birth ? writer.WriteAsync(birth, NpgsqlDbType.Date, cancellationToken) : writer.WriteNullAsync(cancellationToken));
                await writer.WriteAsync((int)row.Triggers, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(row.Holds, NpgsqlDbType.Json, cancellationToken);
                await writer.WriteAsync(row.Position, NpgsqlDbType.Bigint, cancellationToken);
                last = row.Position;
                if (++written % 100_000 == 0)
                    progress(written);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        var copy = clock.Elapsed;

        clock.Restart();
        await ListingSeeder.Execute(connection, "SET maintenance_work_mem = '512MB'", cancellationToken);
        foreach (var (_, definition) in indexes)
            await ListingSeeder.Execute(connection, definition, cancellationToken);
        if (last > 0)
        {
            // The projection writes each row's change beside it, and readers stop at the newest change they may read (the
            // change log's safe head): without these, a platform started on the seeded table would load nothing.
            await using (var added = new NpgsqlCommand("""
                INSERT INTO interception_changes (position, subject_key, document_type, id_number, name, name_before, sex, birth_date,
                    triggers_before, triggers_after, holds_before, holds_after)
                SELECT position, subject_key, document_type, id_number, name, name, sex, birth_date, 0, triggers, '[]', holds
                FROM intercepted_subjects
                """, connection, transaction))
            {
                added.CommandTimeout = 0;
                await added.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var taken = new NpgsqlCommand("SELECT setval('change_log_positions', GREATEST(change_log_newest(), $1))", connection, transaction);
            taken.Parameters.Add(new NpgsqlParameter { Value = last });
            await taken.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        var indexing = clock.Elapsed;

        clock.Restart();
        await ListingSeeder.Execute(connection, "VACUUM (ANALYZE) intercepted_subjects", cancellationToken);
        return new SeedTimings(copy, indexing, clock.Elapsed);
    }
}
