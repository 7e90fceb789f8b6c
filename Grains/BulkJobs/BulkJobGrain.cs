using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Credit.Grains.BulkJobs;

/// <summary>Applies a bulk job's pending rows, many subjects at once and each subject's rows in file order, and records what
/// came of each. It keeps nothing of its own: the rows and outcomes are in PostgreSQL (<see cref="IBulkJobRows"/>), and a
/// durable reminder wakes it on whichever silo after a crash. A row applied but not yet recorded when the platform died is
/// applied again under the same idempotency key, which its subject answers as already applied: no row is lost or doubled.</summary>
public sealed class BulkJobGrain(IBulkJobRows rows, IOptions<BulkJobRules> rules, ILogger<BulkJobGrain> logger)
    : Grain, IBulkJobGrain, IRemindable
{
    private const string WakeReminder = "bulk-job";
    private const int PageSize = 2000;
    private Task? running;
    private bool reminderRegistered;

    private Guid JobId => this.GetPrimaryKey();

    public async Task Start()
    {
        if (running is { IsCompleted: false })
            return;
        if (!reminderRegistered)
        {
            // Wakes the job again should this activation die with its silo; removed once the job is completed.
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            reminderRegistered = true;
        }
        running = RunAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        reminderRegistered = true;
        return Start();
    }

    private async Task RunAsync()
    {
        try
        {
            var job = await rows.FindAsync(JobId);
            while (job is { Completed: false })
            {
                await ApplyPendingRowsAsync(job);
                if (await rows.CompleteAsync(JobId))
                    break;
            }
            if (await this.GetReminder(WakeReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            reminderRegistered = false;
            DeactivateOnIdle();
        }
        catch (Exception error)
        {
            // The reminder wakes the job again within a minute; the rows still pending are where it left them.
            logger.LogWarning(error, "Bulk job {Job} stopped; its reminder resumes it", JobId);
        }
    }

    private async Task ApplyPendingRowsAsync(BulkJobHeader job)
    {
        var work = new JobRun(job, rules.Value, GrainFactory, logger);
        using var flushing = new CancellationTokenSource();
        var flusher = FlushPeriodicallyAsync(work, flushing.Token);
        try
        {
            var afterLine = 0;
            while (true)
            {
                var page = await rows.PendingAsync(JobId, afterLine, PageSize);
                if (page.Count == 0)
                    break;
                await work.DispatchAsync(page);
                afterLine = page[^1].Line;
                work.ForgetFinishedSubjects();
            }
            await work.DrainAsync();
        }
        finally
        {
            await flushing.CancelAsync();
            await flusher;
        }
        await FlushAllAsync(work);
    }

    private async Task FlushPeriodicallyAsync(JobRun work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await TryFlushAsync(work);
        }
    }

    /// <summary>Records every outcome still held, however long the database takes to come back.</summary>
    private async Task FlushAllAsync(JobRun work)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!await TryFlushAsync(work))
        {
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task<bool> TryFlushAsync(JobRun work)
    {
        var outcomes = work.TakeOutcomes();
        if (outcomes.Count == 0)
            return true;
        try
        {
            await rows.RecordAsync(JobId, outcomes);
            return true;
        }
        catch (Exception error)
        {
            work.Return(outcomes);
            logger.LogWarning(error, "Recording {Count} outcomes of bulk job {Job} failed; retrying", outcomes.Count, JobId);
            return false;
        }
    }
}
