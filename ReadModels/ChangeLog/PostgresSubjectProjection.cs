using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.PublicListings;
using Credit.ReadModels.Removals;
using Credit.ReadModels.Statistics;
using Npgsql;

namespace Credit.ReadModels.ChangeLog;

/// <summary>Projects a subject into <c>change_log</c>, <c>public_listings</c>, the agencies' read model, <c>listing_removals</c> and
/// <c>measure_dates</c> in one transaction.</summary>
public sealed class PostgresSubjectProjection(NpgsqlDataSource database, TimeProvider clock, InterceptionNotifier notifier) : ISubjectProjection
{
    private const int MaxErrorLength = 2000;

    public async Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT version FROM projected_subjects WHERE subject_key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subject.Key });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
    }

    public Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default) =>
        ProjectTogetherAsync([(subject, history)], cancellationToken);

    /// <summary>Projects several subjects in one transaction (group commit), each exactly as alone: its lock, its changes above
    /// its projected version at consecutive positions in version order, its read-model rows. Three round trips for them all:
    /// the subjects' locks with what is stored and the positions, then every write, then the commit. The subjects must be
    /// different ones. Should anything fail, nothing of any of them is written.</summary>
    public async Task ProjectTogetherAsync(IReadOnlyList<(SubjectSnapshot Subject, IReadOnlyList<ChangeRecord> History)> subjects,
        CancellationToken cancellationToken = default)
    {
        var parts = subjects.Select(s => (s.Subject, s.History, Key: s.Subject.Profile.Id.Key, Interception: InterceptionProjection.Read(s.Subject))).ToList();
        var keys = parts.Select(p => p.Key).ToArray();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
            throw new ArgumentException("A subject is projected at most once per transaction", nameof(subjects));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        Dictionary<string, long> projectedVersions;
        InterceptionProjection.Stored?[] stored;
        long? last;
        await using (var reading = new NpgsqlBatch(connection, transaction))
        {
            foreach (var command in SubjectProjectionLock.TakeAll(keys))
                reading.BatchCommands.Add(command);
            reading.BatchCommands.Add(InterceptionProjection.ReadAll([.. parts.Select(p => p.Interception)]));
            reading.BatchCommands.Add(ChangeLogPositions.TakeAbove(
                [.. parts.SelectMany(p => p.History.Select(_ => p.Key))], [.. parts.SelectMany(p => p.History.Select(h => h.Version))]));
            await using var reader = await reading.ExecuteReaderAsync(cancellationToken);
            projectedVersions = await SubjectProjectionLock.ProjectedVersionsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            stored = await InterceptionProjection.StoredAllAsync(reader, [.. parts.Select(p => p.Interception)], cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            last = await ChangeLogPositions.TakenAsync(reader, cancellationToken);
        }

        var projected = parts.Select(p => projectedVersions.GetValueOrDefault(p.Key)).ToArray();
        var changes = parts.Select((p, i) => p.History.Where(h => h.Version > projected[i]).OrderBy(h => h.Version).ToList()).ToArray();
        var count = changes.Sum(c => c.Count);
        if ((last is null) != (count == 0) || (last is { } taken && taken < count))
            throw new InvalidOperationException($"Positions taken ({last}) for {count} changes of {parts.Count} subjects disagree with the changes above their projected versions");
        // Each subject's changes at consecutive positions, the subjects one after another, up to the last position taken.
        var position = (last ?? 0) - count;
        var wroteInterception = false;
        var publicListings = new PublicListingsWriter();
        var measureDates = new MeasureDatesWriter();
        var changeLog = new ChangeLogRows();
        var interceptions = new InterceptionRows();
        var advanced = new ProjectedVersions();
        await using (var writing = new NpgsqlBatch(connection, transaction))
        {
            for (var i = 0; i < parts.Count; i++)
            {
                var (subject, _, key, interception) = parts[i];
                position += changes[i].Count;
                if (projected[i] < subject.Version)
                {
                    publicListings.Replace(subject, projectedBefore: projectedVersions.ContainsKey(key));
                    measureDates.Write(subject);
                    foreach (var command in ListingRemovalsWriter.Record(subject, changes[i]))
                        writing.BatchCommands.Add(command);
                    if (changes[i].Count > 0)
                    {
                        changeLog.Append(key, changes[i], position);
                        wroteInterception |= InterceptionProjection.Apply(interception, stored[i], position, clock.Today(), interceptions);
                    }
                }
                // Done before when the version is projected already (perhaps by an attempt whose answer was lost, and recorded as failed).
                advanced.Advance(key, Math.Max(projected[i], subject.Version), alreadyThere: projected[i] >= subject.Version);
            }
            foreach (var command in publicListings.Commands().Concat(measureDates.Commands()).Concat(changeLog.Commands()).Concat(interceptions.Commands()).Concat(advanced.Commands()))
                writing.BatchCommands.Add(command);
            await writing.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        if (wroteInterception)
            notifier.Committed();
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

    public async Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var projected = await SubjectProjectionLock.TakeAsync(connection, transaction, subjectKey, cancellationToken);
        var expected = subject?.Version ?? 0;
        // Only against the state the change log holds. A projection newer than the given state has written every
        // column itself; one older must not be overtaken by a state that the change log does not have yet.
        var repaired = projected == expected
            && await InterceptionProjection.RepairAsync(connection, transaction, subjectKey, subject, clock.Today(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (repaired)
            notifier.Committed();
        return projected == expected || (subject is not null && projected > expected);
    }
}
