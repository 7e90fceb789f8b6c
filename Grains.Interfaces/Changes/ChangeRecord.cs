using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Changes;

/// <summary>One accepted change of a subject: who, when, what and why. Appended, never rewritten.</summary>
[GenerateSerializer, Immutable, Alias("credit.ChangeRecord")]
public sealed record ChangeRecord(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] CourtCode Court,
    [property: Id(3)] string Actor,
    [property: Id(4)] ChangeKind Kind,
    [property: Id(5)] Guid ItemId,
    [property: Id(6)] string Reason,
    [property: Id(7)] IReadOnlyList<FieldChange> Fields);

/// <summary>A field's value before and after, as text (null where it had none).</summary>
[GenerateSerializer, Immutable, Alias("credit.FieldChange")]
public sealed record FieldChange([property: Id(0)] string Field, [property: Id(1)] string? Before, [property: Id(2)] string? After);

/// <summary>What a change in a subject's history did: to a listing, a consumption restriction, an exit ban, a permission
/// for necessary travel, or an objection to a listing (Arts. 11–12).</summary>
public enum ChangeKind
{
    Listed,
    ListingCorrected,
    ListingExtended,
    ListingRemoved,
    ListingExpired,
    Restricted,
    RestrictionLifted,
    ExitBanImposed,
    ExitBanRenewed,
    ExitBanLifted,
    ExitBanLapsed,
    /// <summary>An exit ban decided to start on a later day reached that day: border inspection stops the subject from now on.</summary>
    ExitBanTookEffect,
    /// <summary>The court permitted a restricted person's necessary travel (consumption rules Art. 8).</summary>
    TravelPermitted,
    /// <summary>The court corrected the persons an entity's own restriction names.</summary>
    RestrictionCorrected,
    /// <summary>Art. 11: the subject objected to a listing; the listing stays in force during the review.</summary>
    ObjectionFiled,
    /// <summary>Art. 11: the enforcing court upheld the objection; correction or revocation within 3 working days.</summary>
    ObjectionUpheld,
    /// <summary>Art. 11: the enforcing court rejected the objection.</summary>
    ObjectionRejected,
    /// <summary>Art. 12: the applicant asked the next-higher court to reconsider.</summary>
    ReconsiderationRequested,
    /// <summary>Art. 12: the next-higher court ordered the listing corrected or revoked.</summary>
    ObjectionCorrectionOrdered,
    /// <summary>Art. 12: the next-higher court rejected the request for reconsideration.</summary>
    ReconsiderationRejected,
    /// <summary>The listing was corrected or revoked on the objection (the correction or removal itself is recorded beside it).</summary>
    ObjectionRemedied,
    /// <summary>Art. 9: a court corrected the subject's recorded name, which all its items carry.</summary>
    SubjectRenamed,
    /// <summary>The listing left the list another way while the objection was open, or rejected with reconsideration still to be asked; the objection is closed without a remedy.</summary>
    ObjectionMoot,
    /// <summary>Art. 9: the court corrected what was recorded wrongly of an exit ban (its decision's number or date, an end
    /// recorded later than decided).</summary>
    ExitBanCorrected,
}
