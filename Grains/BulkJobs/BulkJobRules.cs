namespace Credit.Grains.BulkJobs;

/// <summary>How a bulk job spreads its rows over the subjects' grains (section <c>Credit:Bulk</c>).</summary>
public sealed class BulkJobRules
{
    public const string Section = "Credit:Bulk";

    /// <summary>Rows applied at once, each on its own subject: enough to keep the write path busy, few enough that a court's
    /// file does not crowd out the single changes of every other court.</summary>
    public int Concurrency { get; set; } = 64;

    /// <summary>Attempts at a row whose subject could not answer (a timeout, the database away) before it is reported failed.
    /// The job pauses after each such failure, up to half a minute, so an outage of a few minutes fails no row.</summary>
    public int MaxAttempts { get; set; } = 10;
}
