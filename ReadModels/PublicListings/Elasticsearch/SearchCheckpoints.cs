using Npgsql;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>How far a search engine has indexed the change log (table <c>search_checkpoints</c>,
/// <c>0210_search_checkpoints.sql</c>): everything up to the stored position is in the index.</summary>
public sealed class SearchCheckpoints(NpgsqlDataSource database)
{
    /// <summary>The checkpoint name of the engine writing through <paramref name="alias"/>: two clusters or
    /// aliases on one database each keep their own.</summary>
    public static string EngineFor(string alias) => $"elasticsearch:{alias}";

    public async Task<long> ReadAsync(string engine, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT position FROM search_checkpoints WHERE engine = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = engine });
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    /// <summary>Moves the checkpoint from <paramref name="from"/> to <paramref name="to"/>, only if it still is
    /// at <paramref name="from"/>: false when a rebuild moved it back meanwhile, and the batch must be indexed again.</summary>
    public async Task<bool> TryAdvanceAsync(string engine, long from, long to, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO search_checkpoints (engine, position) VALUES ($1, $3)
            ON CONFLICT (engine) DO UPDATE SET position = EXCLUDED.position WHERE search_checkpoints.position = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = engine });
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Moves the checkpoint back to <paramref name="position"/> if it is further: after a rebuild
    /// swapped the alias, whatever the indexer had written only to the old index is written again.</summary>
    public async Task RewindAsync(string engine, long position, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO search_checkpoints (engine, position) VALUES ($1, $2)
            ON CONFLICT (engine) DO UPDATE SET position = LEAST(search_checkpoints.position, EXCLUDED.position)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = engine });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
