using System.Threading.Channels;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.ReadModels.ChangeLog;

/// <summary>The silo's subject projection: the projections that subjects ask for at about the same time are committed together,
/// in one transaction of <see cref="PostgresSubjectProjection.ProjectTogetherAsync"/> (group commit), by a few writers that each
/// take whatever is waiting when they are free. Under load one transaction, one write-ahead-log flush and three round trips
/// serve dozens of court changes; alone, a projection is committed at once as before. Each caller's task ends once its
/// subject's projection is committed, or with the error its own projection met: when a transaction of several fails, each
/// of its subjects is projected again alone, so that one subject's failure is its own and every other is published
/// (the projection is idempotent, so one committed but reported lost is found done).</summary>
public sealed class GroupCommitProjection(PostgresSubjectProjection projection, ILogger<GroupCommitProjection> logger) : ISubjectProjection, IAsyncDisposable
{
    /// <summary>Subjects per transaction at most: beyond this the transaction's own writes outweigh what sharing saves.</summary>
    public const int MaxSubjects = 64;

    /// <summary>Transactions in flight at once: one is being built and sent while another waits for its commit's flush.</summary>
    public const int Writers = 2;

    private readonly Channel<Request> waiting = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private Task[]? writers;
    private int started;

    public Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default) =>
        projection.ProjectedVersionAsync(subject, cancellationToken);

    public Task RecordFailureAsync(SubjectId subject, long version, string error, CancellationToken cancellationToken = default) =>
        projection.RecordFailureAsync(subject, version, error, cancellationToken);

    public Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default) =>
        projection.RepairInterceptionAsync(subjectKey, subject, cancellationToken);

    public Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
            writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
        var request = new Request(subject, history, cancellationToken);
        if (!waiting.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(GroupCommitProjection));
        return request.Done.Task;
    }

    private async Task WriteAsync()
    {
        // A subject asked for twice before a writer came (possible only with two activations of it) goes in the next transaction.
        var later = new Queue<Request>();
        try
        {
            while (later.Count > 0 || await waiting.Reader.WaitToReadAsync(stopping.Token))
            {
                var batch = new List<Request>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                var deferred = new Queue<Request>();
                while (batch.Count < MaxSubjects && (later.TryDequeue(out var request) || waiting.Reader.TryRead(out request)))
                {
                    if (request.CancellationToken.IsCancellationRequested)
                        request.Done.TrySetCanceled(request.CancellationToken);
                    else if (keys.Add(request.Key))
                        batch.Add(request);
                    else
                        deferred.Enqueue(request);
                }
                foreach (var request in deferred)
                    later.Enqueue(request);
                if (batch.Count > 0)
                    await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever still waits is failed below.
        }
        foreach (var request in later)
            request.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitProjection)));
    }

    private async Task CommitAsync(List<Request> batch)
    {
        try
        {
            await projection.ProjectTogetherAsync([.. batch.Select(r => (r.Subject, r.History))]);
            foreach (var request in batch)
                request.Done.TrySetResult();
            return;
        }
        catch (Exception error) when (batch.Count > 1)
        {
            logger.LogWarning(error, "Projecting {Count} subjects together failed; each is projected alone", batch.Count);
        }
        catch (Exception error)
        {
            batch[0].Done.TrySetException(error);
            return;
        }
        await Task.WhenAll(batch.Select(async request =>
        {
            try
            {
                await projection.ProjectTogetherAsync([(request.Subject, request.History)]);
                request.Done.TrySetResult();
            }
            catch (Exception error)
            {
                request.Done.TrySetException(error);
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        waiting.Writer.TryComplete();
        await stopping.CancelAsync();
        if (writers is { } running)
            await Task.WhenAll(running);
        while (waiting.Reader.TryRead(out var request))
            request.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitProjection)));
        stopping.Dispose();
    }

    private sealed class Request(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken)
    {
        public SubjectSnapshot Subject { get; } = subject;
        public IReadOnlyList<ChangeRecord> History { get; } = history;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public string Key => Subject.Profile.Id.Key;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
