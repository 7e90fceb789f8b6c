using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>What a rebuild did.</summary>
/// <param name="Index">The new concrete index the alias now points at.</param>
/// <param name="Replaced">The indexes it replaced (deleted).</param>
/// <param name="Position">The change-log position the new index reflects at least.</param>
public sealed record ReindexResult(string Index, IReadOnlyList<string> Replaced, long Position, int Listings);

/// <summary>Rebuilds the index from PostgreSQL without downtime: a new concrete index is filled with every
/// public listing, brought up to date with the change log, then put behind the alias in one atomic step that
/// also deletes the old index. For a mapping change, an analyser change, or an index that was lost.</summary>
public sealed class ElasticsearchReindexer(
    NpgsqlDataSource database,
    PublicReadModel readModel,
    ListingBulkWriter writer,
    ChangeLogFollower follower,
    ListingIndexes indexes,
    SearchCheckpoints checkpoints,
    IOptions<ElasticsearchOptions> options,
    TimeProvider clock,
    ILogger<ElasticsearchReindexer> logger) : ISearchIndexRebuilder
{
    async Task<long> ISearchIndexRebuilder.RebuildAsync(CancellationToken cancellationToken) => (await RebuildAsync(cancellationToken)).Listings;

    /// <summary>Safe while the indexer runs. It keeps writing through the alias, so to the old index, until
    /// the swap. Right after the swap the checkpoint is moved back to where this rebuild had caught up, so
    /// the indexer writes again, now to the new index, whatever it had written only to the old one; a write
    /// of its own that fails because the old index is gone is retried, and its checkpoint move refused.
    /// External versions make every such repeat harmless.</summary>
    public async Task<ReindexResult> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var lease = await AcquireRebuildLeaseAsync(cancellationToken);
        return await BuildAndSwapAsync(cancellationToken);
    }

    /// <summary>Builds the index only if the alias points at none yet (first start); null if it does.</summary>
    public async Task<ReindexResult?> EnsureBuiltAsync(CancellationToken cancellationToken)
    {
        var alias = options.Value.IndexAlias;
        if ((await indexes.BehindAliasAsync(alias, cancellationToken)).Count > 0)
            return null;
        await using var lease = await AcquireRebuildLeaseAsync(cancellationToken);
        // Another process may have built it while this one waited for the lease.
        if ((await indexes.BehindAliasAsync(alias, cancellationToken)).Count > 0)
            return null;
        return await BuildAndSwapAsync(cancellationToken);
    }

    /// <summary>Rebuilds never overlap: two reading the alias before either swapped it would leave it on two indexes.</summary>
    private Task<PostgresLease> AcquireRebuildLeaseAsync(CancellationToken cancellationToken) =>
        PostgresLease.AcquireAsync(database, $"credit-search-rebuild:{options.Value.IndexAlias}", TimeSpan.FromSeconds(1), clock, cancellationToken);

    private async Task<ReindexResult> BuildAndSwapAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var alias = settings.IndexAlias;
        var index = ListingIndexDefinition.ConcreteName(alias, clock.GetUtcNow());
        logger.LogInformation("Rebuilding Elasticsearch index {Index} for alias {Alias}", index, alias);
        await indexes.CreateAsync(index, settings, cancellationToken);
        try
        {
            var listings = 0;
            var snapshot = await readModel.SnapshotAsync(settings.RebuildChunkSize, async chunk =>
            {
                var outcome = await writer.WriteAsync(index, chunk, cancellationToken);
                if (!outcome.IsComplete)
                    throw new ElasticsearchRequestException($"Loading {index} failed: {outcome}");
                listings += chunk.Count;
            }, cancellationToken);
            var position = await follower.CatchUpAsync(index, snapshot, cancellationToken);
            await indexes.RefreshAsync(index, cancellationToken);

            var previous = await indexes.BehindAliasAsync(alias, cancellationToken);
            await indexes.SwapAsync(alias, index, previous, cancellationToken);
            // Not cancellable: once the alias is swapped, the rewind is what keeps the new index complete.
            await checkpoints.RewindAsync(SearchCheckpoints.EngineFor(alias), position, CancellationToken.None);
            logger.LogInformation("Alias {Alias} now points at {Index} ({Listings} listings, change log position {Position}); deleted {Previous}",
                alias, index, listings, position, previous);
            return new ReindexResult(index, previous, position, listings);
        }
        catch (Exception failure)
        {
            await RemoveUnusedAsync(alias, index, failure);
            throw;
        }
    }

    /// <summary>A half-built index nobody searches is removed; one the alias already points at is kept.</summary>
    private async Task RemoveUnusedAsync(string alias, string index, Exception failure)
    {
        try
        {
            if (!(await indexes.BehindAliasAsync(alias, CancellationToken.None)).Contains(index))
                await indexes.DeleteAsync(index, CancellationToken.None);
        }
        catch (Exception cleanup)
        {
            logger.LogWarning(cleanup, "Could not remove the unfinished index {Index} after {Failure}; delete it by hand", index, failure.Message);
        }
    }
}
