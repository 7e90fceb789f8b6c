using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>One step of an objection: filed, decided, reconsideration asked and decided, the listing corrected or revoked.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionStep")]
public sealed record ObjectionStep(
    [property: Id(0)] int Number,
    [property: Id(1)] ObjectionStepKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] CourtCode? Court,
    [property: Id(4)] string Actor,
    [property: Id(5)] string Text,
    [property: Id(6)] ObjectionRemedy? Remedy);

public enum ObjectionStepKind
{
    Filed = 0,
    Upheld = 1,
    Rejected = 2,
    ReconsiderationRequested = 3,
    CorrectionOrdered = 4,
    ReconsiderationRejected = 5,
    Remedied = 6,
    /// <summary>Closed because the listing was no longer in force.</summary>
    Moot = 7,
}

/// <summary>An objection as its grain holds it: what was filed, where it stands and each step. The dates the deadlines run
/// from are China dates of the steps.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionView")]
public sealed record ObjectionView(
    [property: Id(0)] string Receipt,
    [property: Id(1)] long Version,
    [property: Id(2)] SubjectId Subject,
    [property: Id(3)] string SubjectName,
    [property: Id(4)] Guid ListingId,
    [property: Id(5)] CaseNumber CaseNumber,
    [property: Id(6)] CourtCode EnforcingCourt,
    [property: Id(7)] CourtCode? ReconsideringCourt,
    [property: Id(8)] ObjectionStatus Status,
    [property: Id(9)] ObjectionRemedy? Remedy,
    [property: Id(10)] ObjectionApplicant Applicant,
    [property: Id(11)] ObjectionContact Contact,
    [property: Id(12)] string Grounds,
    [property: Id(13)] IReadOnlyList<ObjectionAttachment> Attachments,
    [property: Id(14)] IReadOnlyList<ObjectionStep> Steps,
    [property: Id(15)] DateOnly FiledOn,
    [property: Id(16)] DateOnly? DecidedOn,
    [property: Id(17)] DateOnly? ReconsiderationRequestedOn,
    [property: Id(18)] DateOnly? ReconsiderationDecidedOn,
    [property: Id(19)] DateOnly? RemediedOn);
