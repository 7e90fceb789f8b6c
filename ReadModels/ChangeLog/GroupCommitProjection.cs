using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Postgres;
using Microsoft.Extensions.Logging;

namespace Credit.ReadModels.ChangeLog;

/// <summary>The silo's subject projection: the projections that subjects ask for at about the same time are committed together,
/// in one transaction of <see cref="PostgresSubjectProjection.ProjectTogetherAsync"/> (<see cref="GroupCommit{TItem, TResult}"/>), by a few writers that each
/// take whatever is waiting when they are free. Under load one transaction, one write-ahead-log flush and three round trips
/// serve dozens of court changes; alone, a projection is committed at once as before. Each caller's task ends once its
/// subject's projection is committed, or with the error its own projection met: when a transaction of several fails, each
/// of its subjects is projected again alone, so that one subject's failure is its own and every other is published
/// (the projection is idempotent, so one committed but reported lost is found done).</summary>
public sealed partial class GroupCommitProjection : ISubjectProjection, IAsyncDisposable
{
    /// <summary>Subjects per transaction at most: beyond this the transaction's own writes outweigh what sharing saves.</summary>
    public const int MaxSubjects = 128;

    /// <summary>Transactions in flight at once: one is being built and sent while another waits for its commit's flush.</summary>
    public const int Writers = 2;

    private readonly PostgresSubjectProjection projection;
    private readonly GroupCommit<Request, bool> groups;

    public GroupCommitProjection(PostgresSubjectProjection projection, ILogger<GroupCommitProjection> logger)
    {
        this.projection = projection;
        groups = new GroupCommit<Request, bool>(ProjectTogetherAsync, request => request.Subject.Profile.Id.Key,
            (error, count) => LogGroupFailed(logger, error, count), MaxSubjects, Writers);
    }

    public Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default) =>
        projection.ProjectedVersionAsync(subject, cancellationToken);

    public Task RecordFailureAsync(SubjectId subject, long version, string error, CancellationToken cancellationToken = default) =>
        projection.RecordFailureAsync(subject, version, error, cancellationToken);

    public Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default) =>
        projection.RepairInterceptionAsync(subjectKey, subject, cancellationToken);

    public Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default) =>
        groups.CommitAsync(new Request(subject, history), cancellationToken);

    private async Task<IReadOnlyList<bool>> ProjectTogetherAsync(IReadOnlyList<Request> requests)
    {
        await projection.ProjectTogetherAsync([.. requests.Select(r => (r.Subject, r.History))]);
        return [.. requests.Select(_ => true)];
    }

    public ValueTask DisposeAsync() => groups.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting {Count} subjects together failed; each is projected alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception error, int count);

    private sealed record Request(SubjectSnapshot Subject, IReadOnlyList<ChangeRecord> History);
}
