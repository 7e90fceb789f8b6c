using Credit.ReadModels.ChangeLog;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>The result of indexing one batch of the change log.</summary>
/// <param name="LastPosition">The last position of the batch: the new checkpoint, if <see cref="Outcome"/> is complete.</param>
public sealed record IndexedBatch(long LastPosition, int Subjects, BulkOutcome Outcome);

/// <summary>Indexes the change log batch by batch into one index (the alias, or a new index a rebuild fills).</summary>
public sealed class ChangeLogFollower(ChangeLogReader changeLog, PublicReadModel readModel, ListingBulkWriter writer, IOptions<ElasticsearchOptions> options)
{
    /// <summary>Indexes the subjects named by the entries after <paramref name="position"/>; null when there are none.</summary>
    public async Task<IndexedBatch?> IndexNextBatchAsync(string index, long position, CancellationToken cancellationToken)
    {
        var changes = await changeLog.ChangesAfterAsync(position, options.Value.BatchSize, cancellationToken);
        if (changes.Count == 0)
            return null;
        var subjects = changes.Select(c => c.SubjectKey).Distinct(StringComparer.Ordinal).ToList();
        var state = await readModel.SubjectsAsync(subjects, cancellationToken);
        var outcome = await writer.WriteAsync(index, SubjectDocuments.For(changes, state), cancellationToken);
        return new IndexedBatch(changes[^1].Position, subjects.Count, outcome);
    }

    /// <summary>Indexes every entry after <paramref name="position"/> up to the end of the log; returns the
    /// position reached. A batch that is not fully indexed stops it with an exception.</summary>
    public async Task<long> CatchUpAsync(string index, long position, CancellationToken cancellationToken)
    {
        while (await IndexNextBatchAsync(index, position, cancellationToken) is { } batch)
        {
            if (!batch.Outcome.IsComplete)
                throw new ElasticsearchRequestException($"Indexing the change log after position {position} into {index} failed: {batch.Outcome}");
            position = batch.LastPosition;
        }
        return position;
    }
}
