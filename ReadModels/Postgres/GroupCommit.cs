using System.Threading.Channels;

namespace Credit.ReadModels.Postgres;

/// <summary>Group commit: the items callers ask for at about the same time are committed together, in one transaction of
/// <paramref name="commitTogether"/>, by a few writers that each take whatever is waiting when they are free (at most
/// <paramref name="maxItems"/> a transaction, one item per key; a second item of a key waits for the next transaction).
/// Under load one commit and one write-ahead-log flush serve dozens of callers; alone, an item is committed at once. When a
/// transaction of several fails, each of its items is committed again alone, so that a failure is its own caller's.
/// Used by the subject projection and by the subjects' grain-state writes.</summary>
/// <param name="commitTogether">Commits the items in one transaction; the results are in the order of the items given.</param>
/// <param name="groupFailed">Told of a group's failure (and its size) before its items are tried alone.</param>
public sealed class GroupCommit<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commitTogether, Func<TItem, object> keyOf, Action<Exception, int> groupFailed,
    int maxItems, int writers) : IAsyncDisposable
{
    private readonly Channel<Pending> waiting = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private Task[]? running;
    private int started;
    private int disposed;

    /// <summary>Ends with the item's result once its transaction committed, or with the error its own commit met; cancelled
    /// when <paramref name="cancellationToken"/> is before a writer takes the item.</summary>
    public Task<TResult> CommitAsync(TItem item, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
            running = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
        var pending = new Pending(item, cancellationToken);
        if (!waiting.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>));
        return pending.Done.Task;
    }

    private async Task WriteAsync()
    {
        // An item asked for twice before a writer came (possible only with two activations of a grain) goes in the next transaction.
        var later = new Queue<Pending>();
        try
        {
            while (later.Count > 0 || await waiting.Reader.WaitToReadAsync(stopping.Token))
            {
                var batch = new List<Pending>();
                var keys = new HashSet<object>();
                var deferred = new Queue<Pending>();
                while (batch.Count < maxItems && (later.TryDequeue(out var pending) || waiting.Reader.TryRead(out pending)))
                {
                    if (pending.CancellationToken.IsCancellationRequested)
                        pending.Done.TrySetCanceled(pending.CancellationToken);
                    else if (keys.Add(keyOf(pending.Item)))
                        batch.Add(pending);
                    else
                        deferred.Enqueue(pending);
                }
                foreach (var pending in deferred)
                    later.Enqueue(pending);
                if (batch.Count > 0)
                    await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever still waits is failed below.
        }
        foreach (var pending in later)
            pending.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>)));
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            Complete(batch, await commitTogether([.. batch.Select(p => p.Item)]));
            return;
        }
        catch (Exception error) when (batch.Count > 1)
        {
            groupFailed(error, batch.Count);
        }
        catch (Exception error)
        {
            batch[0].Done.TrySetException(error);
            return;
        }
        await Task.WhenAll(batch.Select(async pending =>
        {
            try
            {
                Complete([pending], await commitTogether([pending.Item]));
            }
            catch (Exception error)
            {
                pending.Done.TrySetException(error);
            }
        }));
    }

    private static void Complete(List<Pending> batch, IReadOnlyList<TResult> results)
    {
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(results[i]);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        waiting.Writer.TryComplete();
        await stopping.CancelAsync();
        if (running is { } tasks)
            await Task.WhenAll(tasks);
        while (waiting.Reader.TryRead(out var pending))
            pending.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>)));
        stopping.Dispose();
    }

    private sealed record Pending(TItem Item, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
