using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.BulkJobs;

/// <summary>One pass of a job over its pending rows, on the job grain's scheduler (so none of this needs a lock). Rows of one
/// subject go one after another in file order, each after the one before it; rows of different subjects go at once, up to
/// <see cref="BulkJobRules.Concurrency"/> calls. A row waiting for its subject's earlier row holds a place in a wider window
/// but no call, so a slow subject holds up only its own rows.</summary>
internal sealed class JobRun(BulkJobHeader job, BulkJobRules rules, IGrainFactory grains, ILogger logger)
{
    private readonly SemaphoreSlim calls = new(rules.Concurrency);
    private readonly SemaphoreSlim window = new(rules.Concurrency * 8);
    private readonly Dictionary<string, Task> lastOfSubject = new(StringComparer.Ordinal);
    private List<BulkRowOutcome> outcomes = [];
    private int consecutiveFailures;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    public async Task DispatchAsync(PendingBulkRow row)
    {
        await window.WaitAsync();
        var before = lastOfSubject.GetValueOrDefault(row.SubjectKey, Task.CompletedTask);
        lastOfSubject[row.SubjectKey] = ApplyAfterAsync(before, row);
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

    private async Task ApplyAfterAsync(Task before, PendingBulkRow row)
    {
        try
        {
            await before;
            var outcome = await ApplyAsync(row);
            // Read the list only now: a flush may have taken the one there was when the row began.
            outcomes.Add(outcome);
        }
        finally
        {
            window.Release();
        }
    }

    private async Task<BulkRowOutcome> ApplyAsync(PendingBulkRow row)
    {
        var context = new CommandContext(job.Court, $"{job.Actor} (bulk job {job.Id})", IdempotencyKey(row), row.Command.Fingerprint);
        var subject = grains.GetGrain<ISubjectGrain>(row.SubjectKey);
        for (var attempt = row.Attempts + 1; ; attempt++)
        {
            var pause = pausedUntil - DateTimeOffset.UtcNow;
            if (pause > TimeSpan.Zero)
                await Task.Delay(pause);
            await calls.WaitAsync();
            try
            {
                var result = await BulkRowApplication.ApplyAsync(subject, row.Command, context);
                consecutiveFailures = 0;
                return result.Refusal is { } refusal
                    ? new BulkRowOutcome(row.Line, BulkRowResult.Refused, null, [BulkRowProblem.Of(refusal)], attempt)
                    : new BulkRowOutcome(row.Line, result.Replayed ? BulkRowResult.AlreadyApplied : BulkRowResult.Accepted, result.ItemId, [], attempt);
            }
            catch (Exception error)
            {
                // A subject that could not answer: the whole job pauses, longer while failures go on, so that an outage
                // costs waiting rather than rows.
                consecutiveFailures++;
                pausedUntil = DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, Math.Min(consecutiveFailures, 20)), 30_000));
                logger.LogDebug(error, "Row {Line} of bulk job {Job}: attempt {Attempt} failed", row.Line, job.Id, attempt);
                if (attempt >= rules.MaxAttempts)
                {
                    logger.LogWarning(error, "Row {Line} of bulk job {Job} failed {Attempts} times; reported failed", row.Line, job.Id, attempt);
                    return new BulkRowOutcome(row.Line, BulkRowResult.Failed, null,
                        [new BulkRowProblem(BulkRowProblem.Failed, "row", $"could not be applied after {attempt} attempts ({error.GetType().Name}); submitting the file again is safe")],
                        attempt);
                }
            }
            finally
            {
                calls.Release();
            }
        }
    }

    /// <summary>The same file from the same court gives every row the same key, so submitting it again changes nothing; the
    /// subject scopes keys by court.</summary>
    private string IdempotencyKey(PendingBulkRow row) => $"bulk:{job.ContentHash[..32]}:{row.Line}";
}
