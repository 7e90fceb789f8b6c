using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Publication;

/// <summary>Carries a subject's accepted changes to the readers: the ordered change log, the public
/// read model and the agencies' read model. Idempotent: changes already projected are skipped, and an
/// older projection never overwrites a newer one.</summary>
public interface ISubjectProjection
{
    /// <summary>The subject version the log and read model already hold (0 when none).</summary>
    Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default);

    /// <summary>Appends the changes above the projected version to the log and replaces the subject's
    /// public listings and interception holds, in one transaction. Total over every state a subject can have stored:
    /// text is handed on as <see cref="PublishedText"/> makes it, so only the database itself can make it fail.</summary>
    Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default);

    /// <summary>Records that publishing the subject's stored <paramref name="version"/> failed, with the error, so that readiness
    /// and reconciliation report a subject whose publication keeps failing. The projection that succeeds clears the record.</summary>
    Task RecordFailureAsync(SubjectId subject, long version, string error, CancellationToken cancellationToken = default);

    /// <summary>For reconciliation: makes the agencies' read model of one subject agree with <paramref name="subject"/>
    /// (null: the subject has no stored state, so nothing holds it) where it does not, as changes at new log positions
    /// that the agencies' feeds deliver. Acts only when the projected version is the given state's; returns whether
    /// the read model now agrees with the subject's projected state (false when the projection lags the given state).</summary>
    Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default);
}
