using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>The durable memory of bulk jobs, as the job's grain sees it: what to apply next and what came of it.</summary>
public interface IBulkJobRows
{
    /// <summary>The job, or null when there is none with this id.</summary>
    Task<BulkJobHeader?> FindAsync(Guid job, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> pending rows after <paramref name="afterLine"/>, in file order.</summary>
    Task<IReadOnlyList<PendingBulkRow>> PendingAsync(Guid job, int afterLine, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records outcomes of rows still pending (an outcome already recorded stays) and counts them on the job, in
    /// one transaction.</summary>
    Task RecordAsync(Guid job, IReadOnlyList<BulkRowOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>Marks the job completed when no row is pending; returns whether it is completed.</summary>
    Task<bool> CompleteAsync(Guid job, CancellationToken cancellationToken = default);

    /// <summary>The jobs not yet completed, oldest first: what a starting platform wakes.</summary>
    Task<IReadOnlyList<Guid>> RunningAsync(CancellationToken cancellationToken = default);
}

public sealed record BulkJobHeader(Guid Id, CourtCode Court, string Actor, bool Completed);

/// <param name="SubjectKey">The subject's grain key (<see cref="SubjectId.Key"/>).</param>
public sealed record PendingBulkRow(int Line, string SubjectKey, BulkCommand Command, int Attempts);

/// <summary>What came of one row.</summary>
/// <param name="Problems">Why the row was refused or failed; empty when it was applied.</param>
public sealed record BulkRowOutcome(int Line, BulkRowResult Result, Guid? ItemId, IReadOnlyList<BulkRowProblem> Problems, int Attempts);

/// <summary>One reason a row was not applied, as the single-change API would have named it.</summary>
/// <param name="Kind">The <see cref="RefusalKind"/> by name (Invalid, Forbidden, NotFound, Conflict), or <c>Failed</c> for a row
/// that could not be applied.</param>
/// <param name="Field">The field at fault, in the single-change API's camelCase path (<c>grounds[0].behaviour</c>).</param>
/// <param name="Rule">The rule broken, with its article where the law sets it.</param>
public sealed record BulkRowProblem(string Kind, string Field, string Rule)
{
    public const string Failed = "Failed";

    public static BulkRowProblem Of(Refusal refusal) => new(refusal.Kind.ToString(), refusal.Field, refusal.Rule);
}

/// <summary>Stored by number (<c>bulk_job_rows.outcome</c>).</summary>
public enum BulkRowResult
{
    Pending = 0,
    /// <summary>The subject made the change.</summary>
    Accepted = 1,
    /// <summary>The subject answered from its record of the row's idempotency key: an earlier submission of the same file (or
    /// the same change sent alone) made it, and nothing changed now. A row this job made itself before a restart, or in an
    /// attempt whose answer came too late, is <see cref="Accepted"/>.</summary>
    AlreadyApplied = 2,
    /// <summary>A rule refused the row: on intake (the request's own checks) or by the subject (the law, the court's own cases).</summary>
    Refused = 3,
    /// <summary>The row could not be applied after every retry (the database away, a timeout); submitting the file again is safe.</summary>
    Failed = 4,
}
