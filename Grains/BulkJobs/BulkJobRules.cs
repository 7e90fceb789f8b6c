namespace Credit.Grains.BulkJobs;

/// <summary>How a bulk job spreads its rows over the subjects' grains (section <c>Credit:Bulk</c>).</summary>
public sealed class BulkJobRules
{
    public const string Section = "Credit:Bulk";

    /// <summary>Rows applied at once, each on its own subject: enough to keep the write path's group commits full (up to 128
    /// subjects a transaction, two at a time, for the grain states and again for the projections). Since a group writes each
    /// table with one statement, fuller groups cost PostgreSQL less per row: 200,000 rows took 76.6 s at 256, 71.8 s at 512
    /// and 66.8 s at 1,024 (bench/README.md). The price: a single change of another court made during a large job waits
    /// behind the groups ahead of it, about half a second at most instead of a tenth.</summary>
    public int Concurrency { get; set; } = 1024;

    /// <summary>Attempts at a row whose subject could not answer (a timeout, the database away) before it is reported failed.
    /// The job pauses after each such failure, up to half a minute, so an outage of a few minutes fails no row.</summary>
    public int MaxAttempts { get; set; } = 10;
}
