namespace Credit.ReadModels.BulkJobs;

/// <summary>The values of <c>bulk_jobs.state</c>.</summary>
public static class BulkJobStates
{
    /// <summary>Stored; rows are being applied, or wait for the job's grain to wake.</summary>
    public const string Running = "Running";

    /// <summary>Every row has its outcome.</summary>
    public const string Completed = "Completed";
}
