using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>The applicant: the listed subject, or a lawyer acting for the subject.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionApplicant")]
public sealed record ObjectionApplicant(
    [property: Id(0)] string Name,
    [property: Id(1)] ApplicantRole Role,
    [property: Id(2)] string? LawFirm,
    [property: Id(3)] string? LicenceNumber);

/// <summary>How the court reaches the applicant. Never shown to anyone but the courts handling the objection.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionContact")]
public sealed record ObjectionContact(
    [property: Id(0)] string Phone,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? Address);

/// <summary>A file the applicant attached, checked by its content; the bytes are kept in the objection read model.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionAttachment")]
public sealed record ObjectionAttachment(
    [property: Id(0)] int Number,
    [property: Id(1)] string FileName,
    [property: Id(2)] string MediaType,
    [property: Id(3)] long Bytes,
    [property: Id(4)] string Sha256);

/// <summary>Art. 11: a listed subject's objection to a listing, filed with the enforcing court. <see cref="ApplicantCode"/> is the
/// applicant's secret (申请人校验码), answered once with the receipt; the objection keeps only its hash.</summary>
[GenerateSerializer, Immutable, Alias("credit.FileObjection")]
public sealed record FileObjection(
    [property: Id(0)] SubjectId Subject,
    [property: Id(1)] CaseNumber CaseNumber,
    [property: Id(2)] ObjectionApplicant Applicant,
    [property: Id(3)] string Grounds,
    [property: Id(4)] ObjectionContact Contact,
    [property: Id(5)] IReadOnlyList<ObjectionAttachment> Attachments,
    [property: Id(6)] string ApplicantCode);

/// <summary>A court's decision (Art. 11 by the enforcing court, Art. 12 by the next-higher court); upholding names the remedy.</summary>
[GenerateSerializer, Immutable, Alias("credit.DecideObjection")]
public sealed record DecideObjection(
    [property: Id(0)] ObjectionDecision Decision,
    [property: Id(1)] ObjectionRemedy? Remedy,
    [property: Id(2)] string Explanation);

/// <summary>Art. 12: the rejected applicant asks the next-higher court to reconsider, proving it is the applicant with the code its
/// filing answered: the receipt alone is read by the courts, so it cannot be what lets someone act for the applicant.</summary>
[GenerateSerializer, Immutable, Alias("credit.RequestReconsideration")]
public sealed record RequestReconsideration([property: Id(0)] string Grounds, [property: Id(1)] string? ApplicantCode);

/// <summary>Who acts on an objection: a court (with its clerk) or the applicant holding the receipt.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionActor")]
public sealed record ObjectionActor([property: Id(0)] CourtCode? Court, [property: Id(1)] string Name)
{
    public static ObjectionActor Applicant { get; } = new(null, "applicant");
}
