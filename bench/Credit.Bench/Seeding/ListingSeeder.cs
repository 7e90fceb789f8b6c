using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Credit.Bench.Seeding;

/// <summary>How long each step of seeding took.</summary>
public sealed record SeedTimings(TimeSpan Copy, TimeSpan Indexes, TimeSpan Analyze)
{
    public TimeSpan Total => Copy + Indexes + Analyze;
}

/// <summary>Fills <c>public_listings</c> with binary COPY, the way a bulk load is done: the secondary
/// indexes are dropped first and rebuilt afterwards from their own definitions in the catalogue, so
/// the table ends up with exactly the indexes the migrations created (or an experiment added).</summary>
public sealed class ListingSeeder(NpgsqlDataSource database)
{
    private const string CopyCommand = """
        COPY public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
            sex, birth_date, legal_representative, court_code, court_name, province, case_number, basis_issuer, basis_number, obligation,
            amount_owed, performance_status, amount_performed, grounds, behaviours, filing_date, publication_date, period_end)
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<IReadOnlyList<SeedCourt>> GuangzhouCourtsAsync(CancellationToken cancellationToken)
    {
        // The courts of 0100_courts.sql: 粤01 and its district courts.
        await using var command = database.CreateCommand("SELECT code, name FROM courts WHERE code LIKE '粤01%' ORDER BY code");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var courts = new List<SeedCourt>();
        while (await reader.ReadAsync(cancellationToken))
            courts.Add(new SeedCourt(reader.GetString(0), reader.GetString(1)));
        return courts.Count > 0 ? courts : throw new InvalidOperationException("the courts table holds no Guangzhou courts; did the migrations run?");
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM public_listings");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<SeedTimings> SeedAsync(SyntheticListings listings, int count, Action<int> progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // One transaction up to the rebuilt indexes: an interrupted seed leaves the table as it was, indexes included.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, "TRUNCATE public_listings", cancellationToken);
        var indexes = await SecondaryIndexesAsync(connection, "public_listings", cancellationToken);
        foreach (var (name, _) in indexes)
            await Execute(connection, $"DROP INDEX \"{name}\"", cancellationToken);

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken))
        {
            var written = 0;
            foreach (var row in listings.Generate(count))
            {
                await WriteAsync(writer, row, cancellationToken);
                if (++written % 100_000 == 0)
                    progress(written);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        var copy = clock.Elapsed;

        clock.Restart();
        await Execute(connection, "SET maintenance_work_mem = '512MB'", cancellationToken);
        foreach (var (_, definition) in indexes)
            await Execute(connection, definition, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var indexing = clock.Elapsed;

        clock.Restart();
        await Execute(connection, "VACUUM (ANALYZE) public_listings", cancellationToken);
        return new SeedTimings(copy, indexing, clock.Elapsed);
    }

    /// <summary>Indexes of <paramref name="table"/> that no constraint owns (the primary key stays: COPY keeps it up to date cheaply).</summary>
    internal static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter writer, SeedListing row, CancellationToken cancellationToken)
    {
        await writer.StartRowAsync(cancellationToken);
        await writer.WriteAsync(row.ListingId, NpgsqlDbType.Uuid, cancellationToken);
        await writer.WriteAsync(row.SubjectKey, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.SubjectVersion, NpgsqlDbType.Bigint, cancellationToken);
        await writer.WriteAsync(row.IsEntity, NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(row.DocumentType, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.IdNumber, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.MaskedId, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(writer, row.Sex, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(writer, row.BirthDate, NpgsqlDbType.Date, cancellationToken);
        await WriteNullableAsync(writer, row.LegalRepresentative, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.CourtCode, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.CourtName, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.Province, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.CaseNumber, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.BasisIssuer, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.BasisNumber, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.Obligation, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.AmountOwed, NpgsqlDbType.Numeric, cancellationToken);
        await writer.WriteAsync(row.PerformanceStatus, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.AmountPerformed, NpgsqlDbType.Numeric, cancellationToken);
        await writer.WriteAsync(row.Grounds, NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
        await writer.WriteAsync(row.Behaviours, NpgsqlDbType.Text, cancellationToken);
        await writer.WriteAsync(row.FilingDate, NpgsqlDbType.Date, cancellationToken);
        await writer.WriteAsync(row.PublicationDate, NpgsqlDbType.Date, cancellationToken);
        await WriteNullableAsync(writer, row.PeriodEnd, NpgsqlDbType.Date, cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, DateOnly? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is { } date ? writer.WriteAsync(date, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    internal static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
