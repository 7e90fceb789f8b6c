using System.Data;
using System.Runtime.CompilerServices;
using Credit.ReadModels.Interceptions.Areas;
using Npgsql;

namespace Credit.ReadModels.Interceptions;

/// <summary>Every row of <c>intercepted_subjects</c> as of one change-log position: the position (the safe head) and the rows
/// are read in one repeatable-read transaction, and a row that a change after the position made is read as that change
/// found it (<c>intercepted_subjects_at</c>, 0510_interception_writers.sql), so the changes after that position are exactly
/// what the snapshot lacks.</summary>
public sealed class InterceptionSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction, long position, DateOnly day) : IAsyncDisposable
{
    private static readonly string InArea = AreaSql.Condition("document_type", "id_number", ["holds"], 3);

    public long Position => position;

    /// <summary>The China date whose holds in force the snapshot shows.</summary>
    public DateOnly Day => day;

    /// <summary>The rows with any of <paramref name="triggers"/>; with an <paramref name="area"/>, those of the area and
    /// a few beyond it (<see cref="AreaSql"/>), which the caller sorts out.</summary>
    public async IAsyncEnumerable<SnapshotRow> RowsAsync(InterceptionTriggers triggers, Area? area, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT document_type, id_number, name, sex, birth_date, holds::text FROM intercepted_subjects_at($2) WHERE (triggers & $1) <> 0{(area is null ? "" : $" AND {InArea}")}
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (int)triggers });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        if (area is not null)
        {
            foreach (var value in AreaSql.Parameters(area))
                command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new SnapshotRow(
                reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4),
                reader.GetFieldValue<byte[]>(5));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
