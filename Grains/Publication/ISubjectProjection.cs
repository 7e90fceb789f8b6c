using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Publication;

/// <summary>Carries a subject's accepted changes to the readers: the ordered change log and the public
/// read model. Idempotent: changes already projected are skipped, and an older projection never
/// overwrites a newer one.</summary>
public interface ISubjectProjection
{
    /// <summary>The subject version the log and read model already hold (0 when none).</summary>
    Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default);

    /// <summary>Appends the changes above the projected version to the log and replaces the subject's
    /// public listings, in one transaction.</summary>
    Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default);
}
