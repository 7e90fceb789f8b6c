using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Reads <c>change_log</c> in order, for the readers that follow it (the Elasticsearch indexer), and its head, for
/// how far behind they are.</summary>
public sealed class ChangeLogReader(NpgsqlDataSource database)
{
    /// <summary>The safe head (<see cref="ChangeLogHorizon"/>): every follower is behind by the head less its own position.</summary>
    public Task<long> HeadAsync(CancellationToken cancellationToken) => ChangeLogHorizon.SafeHeadAsync(database, cancellationToken);

    /// <summary>The entries after <paramref name="position"/>, in order, up to the safe point of the reader's snapshot
    /// (<see cref="ChangeLogHorizon"/>), so reading past the last one seen never skips one that commits later. (A position
    /// that a reconciliation repair of the interception read model took, or one whose writer rolled back, has no entry.)</summary>
    public async Task<IReadOnlyList<ChangeLogEntry>> ChangesAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT position, subject_key, kind, item_id FROM change_log c WHERE position > $1 AND {ChangeLogHorizon.Readable("c")} ORDER BY position LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ChangeLogEntry>();
        while (await reader.ReadAsync(cancellationToken))
            entries.Add(new ChangeLogEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3)));
        return entries;
    }
}
