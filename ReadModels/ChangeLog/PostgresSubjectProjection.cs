using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.PublicListings;
using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Projects a subject into <c>change_log</c>, <c>public_listings</c> and the agencies' read model in one transaction.</summary>
public sealed class PostgresSubjectProjection(NpgsqlDataSource database, TimeProvider clock) : ISubjectProjection
{
    public async Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT version FROM projected_subjects WHERE subject_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subject.Key });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    public async Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default)
    {
        var key = subject.Profile.Id.Key;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var projected = await SubjectProjectionLock.TakeAsync(connection, transaction, key, cancellationToken);
        if (projected >= subject.Version)
        {
            // Done before (perhaps by an attempt whose answer was lost, and recorded as failed).
            await AdvanceAsync(connection, transaction, key, projected, alreadyThere: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        IReadOnlyList<ChangeRecord> changes = [.. history.Where(h => h.Version > projected).OrderBy(h => h.Version)];
        // Positions first: they must be the transaction's first write (ChangeLogPositions).
        long? last = changes.Count == 0 ? null : await ChangeLogPositions.TakeAsync(connection, transaction, changes.Count, cancellationToken);
        await PublicListingsWriter.ReplaceAsync(connection, transaction, subject, cancellationToken);
        if (last is { } position)
        {
            await AppendToLogAsync(connection, transaction, key, changes, position, cancellationToken);
            await InterceptionProjection.ApplyAsync(connection, transaction, subject, position, clock.Today(), cancellationToken);
        }
        await AdvanceAsync(connection, transaction, key, subject.Version, alreadyThere: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordFailureAsync(SubjectId subject, long version, string error, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO publication_failures (subject_key, stored_version, attempts, first_failed_at, last_failed_at, last_error)
            VALUES ($1, $2, 1, now(), now(), $3)
            ON CONFLICT (subject_key) DO UPDATE SET stored_version = excluded.stored_version, attempts = publication_failures.attempts + 1,
                last_failed_at = excluded.last_failed_at, last_error = excluded.last_error
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subject.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        // The message may quote the text that failed, an ID number among it; an operator reads this table.
        command.Parameters.Add(new NpgsqlParameter { Value = PublishedText.Of(error.Length > MaxErrorLength ? error[..MaxErrorLength] : error) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const int MaxErrorLength = 2000;

    /// <summary>Records the subject projected up to <paramref name="version"/>; a publication failure recorded for a version
    /// now published is over.</summary>
    private static async Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, long version, bool alreadyThere,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (!alreadyThere)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO projected_subjects (subject_key, version) VALUES ($1, $2)
                ON CONFLICT (subject_key) DO UPDATE SET version = excluded.version
                """));
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM publication_failures WHERE subject_key = $1 AND stored_version <= $2"));
        foreach (var command in batch.BatchCommands)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = version });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var projected = await SubjectProjectionLock.TakeAsync(connection, transaction, subjectKey, cancellationToken);
        var expected = subject?.Version ?? 0;
        // Only against the state the change log holds. A projection newer than the given state has written every
        // column itself; one older must not be overtaken by a state that the change log does not have yet.
        if (projected == expected)
            await InterceptionProjection.RepairAsync(connection, transaction, subjectKey, subject, clock.Today(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return projected == expected || (subject is not null && projected > expected);
    }

    /// <summary>Appends the changes at the positions up to <paramref name="last"/>, taken for them.</summary>
    private static async Task AppendToLogAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, IReadOnlyList<ChangeRecord> changes,
        long last, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var position = last - changes.Count;
        foreach (var change in changes)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO change_log (position, subject_key, subject_version, kind, item_id, court, actor, reason, changed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = ++position });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Version });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Kind.ToString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.ItemId });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.Court.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = PublishedText.Of(change.Actor) });
            insert.Parameters.Add(new NpgsqlParameter { Value = PublishedText.Of(change.Reason) });
            insert.Parameters.Add(new NpgsqlParameter { Value = change.At.ToUniversalTime() });
            batch.BatchCommands.Add(insert);
        }
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
