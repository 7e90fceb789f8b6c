using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Objections;

namespace Credit.Api.Objections;

/// <summary>异议申请 (list rules Art. 11): a listed subject, or a lawyer for one, objects to a listing in force with the court
/// that enforces it. The listing stays in force during the review.</summary>
/// <param name="DocumentType">The listed subject's document: resident-id, credit-code, passport, hk-macao-permit or taiwan-permit.</param>
/// <param name="Number">The document's number, as the listing was made on it.</param>
/// <param name="CaseNumber">The case number of the listing objected to, as published (案号).</param>
/// <param name="Applicant">Who files: the subject in the name it is listed under, or a lawyer.</param>
/// <param name="Grounds">Why the listing is wrong or inaccurate (Art. 9, Art. 11); at most 4000 characters.</param>
/// <param name="Contact">How the court reaches the applicant; shown to the courts handling the objection only.</param>
/// <param name="Attachments">Up to 5 files (PDF or JPEG, each at most 2 MiB, 8 MiB together), checked by their content.</param>
public sealed record FileObjectionRequest(
    [property: Required, Example("resident-id")] string? DocumentType,
    [property: Required, Example("11010519491231002X")] string? Number,
    [property: Required, Example("(2026)粤0103执1234号")] string? CaseNumber,
    [property: Required] ApplicantRequest? Applicant,
    [property: Required, Example("本人已于2026年9月1日全部履行判决确定的义务，不应被列入失信被执行人名单。")] string? Grounds,
    [property: Required] ContactRequest? Contact,
    IReadOnlyList<AttachmentRequest?>? Attachments);

/// <summary>The applicant.</summary>
/// <param name="Name">The subject's name as listed, or the lawyer's name; at most 100 characters.</param>
/// <param name="Role">Subject (the listed subject itself) or Lawyer (a lawyer for it).</param>
/// <param name="LawFirm">A lawyer's law firm; only for a lawyer.</param>
/// <param name="LicenceNumber">A lawyer's practising licence number (律师执业证号); only for a lawyer.</param>
public sealed record ApplicantRequest(
    [property: Required, Example("张三")] string? Name,
    [property: Required, Example("Subject")] ApplicantRole? Role,
    [property: Example("广东某某律师事务所")] string? LawFirm,
    [property: Example("14401201910123456")] string? LicenceNumber)
{
    public ObjectionApplicant ToApplicant(RequestErrors errors) =>
        new(errors.Text(Name, "applicant.name"), errors.Enum(Role, "applicant.role"), LawFirm, LicenceNumber);
}

/// <summary>The applicant's contact.</summary>
/// <param name="Phone">A telephone number: digits, spaces and hyphens, optionally starting with +.</param>
/// <param name="Email">An e-mail address, optional.</param>
/// <param name="Address">A postal address for the court's documents, optional; at most 200 characters.</param>
public sealed record ContactRequest(
    [property: Required, Example("13800138000")] string? Phone,
    [property: Example("zhangsan@example.com")] string? Email,
    [property: Example("广州市荔湾区某某路1号")] string? Address)
{
    public ObjectionContact ToContact(RequestErrors errors) => new(errors.Text(Phone, "contact.phone"), Email, Address);
}

/// <summary>One attached file.</summary>
/// <param name="FileName">The file's name as the applicant knows it; at most 100 characters, no folders.</param>
/// <param name="Content">The file's bytes in base64: a PDF or a JPEG image, at most 2 MiB. Its content decides its type, not its name.</param>
public sealed record AttachmentRequest(
    [property: Required, Example("付款凭证.pdf")] string? FileName,
    [property: Required, Example("JVBERi0xLjQKJcTl8uXrCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==")] string? Content);

/// <summary>复议申请 (Art. 12): the rejected applicant asks the next-higher court, within 10 days of the rejection.</summary>
/// <param name="Grounds">Why the rejection is wrong; at most 4000 characters.</param>
/// <param name="ApplicantCode">The applicant code (申请人校验码) the filing answered with the receipt, 8 characters (case, spaces and
/// hyphens do not count). Only the applicant has it: the courts see the receipt, so the receipt alone does not let anyone ask.
/// Required, except for an objection filed before the platform gave codes.</param>
public sealed record ReconsiderationRequest(
    [property: Required, Example("执行法院未审查本人提交的付款凭证。")] string? Grounds,
    [property: Example("7K3MQX9T")] string? ApplicantCode);

/// <summary>A court's decision on an objection (Art. 11) or on a request for reconsideration (Art. 12).</summary>
/// <param name="Decision">Uphold or Reject.</param>
/// <param name="Remedy">When upholding: Correct (the listing is inaccurate) or Revoke (the subject should not have been listed), done
/// within 3 working days (Art. 9). Left out when rejecting.</param>
/// <param name="Explanation">The court's reasons, which the applicant reads with the receipt (on the public API); at most 2000
/// characters, and no full resident ID number (name the subject as 申请人 or 被执行人, or write the number masked).</param>
public sealed record DecisionRequest(
    [property: Required, Example("Uphold")] ObjectionDecision? Decision,
    [property: Example("Revoke")] ObjectionRemedy? Remedy,
    [property: Required, Example("申请人已在列入前履行完毕，应予撤销。")] string? Explanation)
{
    public DecideObjection ToCommand(RequestErrors errors) =>
        new(errors.Enum(Decision, "decision"), Remedy is null ? null : errors.Enum(Remedy, "remedy"), errors.Text(Explanation, "explanation"));
}

/// <summary>Revoke the listing on the upheld objection or the higher court's order (Art. 9, Art. 12).</summary>
/// <param name="Explanation">Why, as the subject's history records it; at most 1000 characters.</param>
public sealed record RevocationRequest(
    [property: Required, Example("异议成立，撤销失信被执行人名单信息。")] string? Explanation);
