using Npgsql;

namespace Credit.ReadModels.PublicListings;

/// <summary>On PostgreSQL the read model is the index: rebuilding means rebuilding its indexes, which
/// REINDEX CONCURRENTLY does while searches go on.</summary>
public sealed class PostgresIndexRebuilder(NpgsqlDataSource database) : ISearchIndexRebuilder
{
    public async Task<long> RebuildAsync(CancellationToken cancellationToken)
    {
        await using (var reindex = database.CreateCommand("REINDEX TABLE CONCURRENTLY public_listings"))
        {
            reindex.CommandTimeout = 0;
            await reindex.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var analyze = database.CreateCommand("ANALYZE public_listings"))
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        await using var count = database.CreateCommand("SELECT count(*) FROM public_listings");
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
