using Npgsql;
using NpgsqlTypes;
using Credit.ReadModels.Postgres;

namespace Credit.ReadModels.Statistics;

/// <summary><c>measure_dates</c> whole, for reconciliation: read every row, write the rows the subjects' stored state says
/// (measures held before the table existed, a row lost or changed) and delete those it denies.</summary>
public sealed class MeasureDatesTable(NpgsqlDataSource database)
{
    public async Task<Dictionary<Guid, MeasureDateRow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT item_id, subject_key, measure, court, counted_on FROM measure_dates");
        var rows = new Dictionary<Guid, MeasureDateRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new MeasureDateRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4));
            rows[row.ItemId] = row;
        }
        return rows;
    }

    public async Task RepairAsync(IReadOnlyList<MeasureDateRow> rows, IReadOnlyList<Guid> denied, CancellationToken cancellationToken)
    {
        if (rows.Count + denied.Count == 0)
            return;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var chunk in rows.Chunk(10_000))
            batch.BatchCommands.Add(MeasureDatesWriter.Command(chunk));
        foreach (var chunk in denied.Chunk(10_000))
            batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM measure_dates WHERE item_id = ANY($1)")
            {
                Parameters = { ArrayParameter.Of(NpgsqlDbType.Uuid, chunk) },
            });
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
