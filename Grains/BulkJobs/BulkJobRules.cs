namespace Credit.Grains.BulkJobs;

/// <summary>How a bulk job spreads its rows over the subjects' grains (section <c>Credit:Bulk</c>).</summary>
public sealed class BulkJobRules
{
    public const string Section = "Credit:Bulk";

    /// <summary>Rows applied at once, each on its own subject: enough to keep the write path busy and its group commits full
    /// (up to 128 subjects a transaction, two at a time, for the grain states and again for the projections: with 64 rows in
    /// flight the groups held a few dozen, and each row cost 2.2 commits), few enough that a court's file does not crowd out the
    /// single changes of every other court (a single change waits for at most a few full groups ahead of it).</summary>
    public int Concurrency { get; set; } = 256;

    /// <summary>Attempts at a row whose subject could not answer (a timeout, the database away) before it is reported failed.
    /// The job pauses after each such failure, up to half a minute, so an outage of a few minutes fails no row.</summary>
    public int MaxAttempts { get; set; } = 10;
}
