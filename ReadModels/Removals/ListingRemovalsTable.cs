using Npgsql;

namespace Credit.ReadModels.Removals;

/// <summary><c>listing_removals</c> whole, for reconciliation: read every row, and write the rows the subjects' stored state
/// says (removals made before the table existed, a row lost or changed) and delete those it denies.</summary>
public sealed class ListingRemovalsTable(NpgsqlDataSource database)
{
    public async Task<Dictionary<Guid, ListingRemovalRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT listing_id, subject_key, court, removed_by, case_number, reason, event_date, removed_at, removed_on, amount_owed, amount_performed
            FROM listing_removals
            """);
        var rows = new Dictionary<Guid, ListingRemovalRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new ListingRemovalRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateOnly>(8), reader.GetDecimal(9), reader.GetDecimal(10));
            rows[row.ListingId] = row;
        }
        return rows;
    }

    public async Task RepairAsync(IReadOnlyList<ListingRemovalRow> rows, IReadOnlyList<Guid> denied, CancellationToken cancellationToken)
    {
        if (rows.Count + denied.Count == 0)
            return;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in rows.Select(ListingRemovalsWriter.Repair).Concat(denied.Select(ListingRemovalsWriter.Delete)).Chunk(500))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var command in chunk)
                batch.BatchCommands.Add(command);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
