using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.BulkJobs;

/// <summary>One pass of a job over its pending rows, on the job grain's scheduler (so none of this needs a lock). The rows of
/// one subject in a page go to its grain in one call (up to <see cref="MaxRowsPerCall"/>), which decides them in file order
/// and stores them together; calls of one subject go one after another, each after the one before it; calls of different
/// subjects go at once, up to <see cref="BulkJobRules.Concurrency"/>. A call waiting for its subject's earlier call holds a
/// place in a wider window but no call, so a slow subject holds up only its own rows.</summary>
internal sealed class JobRun(BulkJobHeader job, BulkJobRules rules, IGrainFactory grains, ILogger logger)
{
    /// <summary>Rows of one subject in one call at most: one state write for them all, and a message of bounded size.</summary>
    public const int MaxRowsPerCall = 100;

    private readonly SemaphoreSlim calls = new(rules.Concurrency);
    private readonly SemaphoreSlim window = new(rules.Concurrency * 8);
    private readonly Dictionary<string, Task> lastOfSubject = new(StringComparer.Ordinal);
    private List<BulkRowOutcome> outcomes = [];
    private int consecutiveFailures;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Sends a page's rows, each subject's in file order.</summary>
    public async Task DispatchAsync(IReadOnlyList<PendingBulkRow> page)
    {
        foreach (var subject in page.GroupBy(row => row.SubjectKey, StringComparer.Ordinal))
        {
            foreach (var rows in subject.Chunk(MaxRowsPerCall))
            {
                await window.WaitAsync();
                var before = lastOfSubject.GetValueOrDefault(subject.Key, Task.CompletedTask);
                lastOfSubject[subject.Key] = ApplyAfterAsync(before, rows);
            }
        }
    }

    public void ForgetFinishedSubjects()
    {
        foreach (var (subject, last) in lastOfSubject.ToList())
        {
            if (last.IsCompleted)
                lastOfSubject.Remove(subject);
        }
    }

    public Task DrainAsync() => Task.WhenAll(lastOfSubject.Values);

    public List<BulkRowOutcome> TakeOutcomes()
    {
        var taken = outcomes;
        outcomes = [];
        return taken;
    }

    public void Return(List<BulkRowOutcome> unrecorded) => outcomes.InsertRange(0, unrecorded);

    private async Task ApplyAfterAsync(Task before, PendingBulkRow[] rows)
    {
        try
        {
            await before;
            var applied = await ApplyAsync(rows);
            // Read the list only now: a flush may have taken the one there was when the rows began.
            outcomes.AddRange(applied);
        }
        finally
        {
            window.Release();
        }
    }

    private async Task<IEnumerable<BulkRowOutcome>> ApplyAsync(PendingBulkRow[] rows)
    {
        var call = rows.Select(row => new BulkRow(row.Command,
            new CommandContext(job.Court, $"{job.Actor} (bulk job {job.Id})", IdempotencyKey(row), row.Command.Fingerprint))).ToList();
        var subject = grains.GetGrain<ISubjectGrain>(rows[0].SubjectKey);
        for (var attempt = rows.Max(row => row.Attempts) + 1; ; attempt++)
        {
            var pause = pausedUntil - DateTimeOffset.UtcNow;
            if (pause > TimeSpan.Zero)
                await Task.Delay(pause);
            await calls.WaitAsync();
            try
            {
                var results = await subject.ApplyBulkRows(call);
                consecutiveFailures = 0;
                return rows.Zip(results, (row, result) => result.Refusal is { } refusal
                    ? new BulkRowOutcome(row.Line, BulkRowResult.Refused, null, [BulkRowProblem.Of(refusal)], attempt)
                    : new BulkRowOutcome(row.Line, result.Replayed ? BulkRowResult.AlreadyApplied : BulkRowResult.Accepted, result.ItemId, [], attempt));
            }
            catch (Exception error)
            {
                // A subject that could not answer: the whole job pauses, longer while failures go on, so that an outage
                // costs waiting rather than rows.
                consecutiveFailures++;
                pausedUntil = DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(consecutiveFailures, 20)), 30_000));
                logger.LogDebug(error, "Rows {First}–{Last} of bulk job {Job}: attempt {Attempt} failed", rows[0].Line, rows[^1].Line, job.Id, attempt);
                if (attempt >= rules.MaxAttempts)
                {
                    logger.LogWarning(error, "Rows {First}–{Last} of bulk job {Job} failed {Attempts} times; reported failed", rows[0].Line, rows[^1].Line, job.Id, attempt);
                    return rows.Select(row => new BulkRowOutcome(row.Line, BulkRowResult.Failed, null,
                        [new BulkRowProblem(BulkRowProblem.Failed, "row", $"could not be applied after {attempt} attempts ({error.GetType().Name}); submitting the file again is safe")],
                        attempt));
                }
            }
            finally
            {
                calls.Release();
            }
        }
    }

    /// <summary>A row's key is what it asks (its request's fingerprint, numbered when a file repeats it), not its line or the
    /// file's bytes: the same file sent again, saved again with other line endings or in another charset, or with rows
    /// corrected, added or removed, gives the rows it shares the same keys, so they change nothing the second time. The
    /// subject scopes keys by court.</summary>
    private static string IdempotencyKey(PendingBulkRow row) => $"bulk:{row.Command.Fingerprint}";
}
