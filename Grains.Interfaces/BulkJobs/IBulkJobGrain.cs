namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>Applies one bulk job's pending rows (keyed by the job's id). The rows and their outcomes live in PostgreSQL
/// (<see cref="IBulkJobRows"/>), so the grain may be lost at any moment: a durable reminder, or the next start of the
/// platform, wakes it again and it carries on with the rows still pending.</summary>
[Alias("credit.IBulkJobGrain")]
public interface IBulkJobGrain : IGrainWithGuidKey
{
    /// <summary>Starts applying the job's pending rows, unless it is already doing so; returns at once.</summary>
    [Alias("Start")] Task Start();
}
