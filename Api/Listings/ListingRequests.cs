using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Listings;

namespace Credit.Api.Listings;

/// <summary>列入失信被执行人名单: one case of the calling court.</summary>
/// <param name="Subject">Who the debtor is; the document type and number are in the path.</param>
/// <param name="CaseNumber">案号 of the enforcement case (执 or 执恢), a case of the calling court (Art. 5).</param>
/// <param name="EnforcementBasis">执行依据: the judgment, award or other instrument being enforced (Art. 6).</param>
/// <param name="Obligation">生效法律文书确定的义务: what the basis obliges the debtor to do (Art. 6); at most 2000 characters.</param>
/// <param name="AmountOwed">The amount owed in yuan: more than 0, at most 1,000,000,000,000, to the fen.</param>
/// <param name="Performance">履行情况: how far the debtor has performed (Art. 6).</param>
/// <param name="Grounds">失信行为情形: one to six different grounds of Art. 1, each with the behaviour the court found. Ground 1 lists
/// without a fixed term; grounds 2–6 for 2 years from publication (Art. 2).</param>
/// <param name="FilingDate">立案日期: in the case number's year, not in the future.</param>
/// <param name="PublicationDate">发布日期: not before the filing date, not in the future. A subject who is a minor on this day is never
/// listed (Art. 4); a fixed term runs from it (Art. 2).</param>
/// <param name="ResponsiblePersons">An entity's only, and required for one: the persons who answer for it (consumption rules Art. 3 ¶2),
/// exactly one LegalRepresentative (法定代表人或负责人, named with the listing under Art. 6) and any main responsible persons, directly
/// responsible persons and actual controllers, each consumption-restricted personally.</param>
/// <param name="DecisionNumber">The number of the court's decision (决定书文号) to list the debtor (Art. 5); at most 100 characters.</param>
/// <param name="DecisionDate">The date of that decision; on or after the filing date, not after the publication date (Art. 5).</param>
/// <param name="Initiative">Whether the court decided on the creditor's application or of its own motion (Art. 5). A creditor's
/// application within 6 months of a deletion at the creditor's request in the same case is refused (Art. 10 ¶4).</param>
public sealed record CreateListingRequest(
    [property: Required] SubjectRequest? Subject,
    [property: Required, Example("(2025)粤0103执1234号")] string? CaseNumber,
    [property: Required] EnforcementBasisRequest? EnforcementBasis,
    [property: Required, Example("支付货款250000元及利息")] string? Obligation,
    [property: Required, Example(250000.00)] decimal? AmountOwed,
    [property: Required] PerformanceRequest? Performance,
    [property: Required] IReadOnlyList<GroundRequest>? Grounds,
    [property: Required, Example("2025-01-02")] DateOnly? FilingDate,
    [property: Required, Example("2025-03-01")] DateOnly? PublicationDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons,
    [property: Required, Example("(2025)粤0103执1234号之一")] string? DecisionNumber,
    [property: Required, Example("2025-02-20")] DateOnly? DecisionDate,
    [property: Required, Example("CreditorApplication")] ListingInitiative? Initiative)
{
    public CreateListing ToCommand(RequestErrors errors) => new(
        SubjectRequest.ToDetails(Subject, errors),
        errors.CaseNumber(CaseNumber),
        EnforcementBasisRequest.ToBasis(EnforcementBasis, errors),
        errors.Text(Obligation, "obligation"),
        errors.Required(AmountOwed, "amountOwed"),
        PerformanceRequest.ToPerformance(Performance, errors),
        GroundRequest.ToGrounds(Grounds, errors),
        errors.Date(FilingDate, "filingDate"),
        errors.Date(PublicationDate, "publicationDate"),
        ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors),
        errors.Text(DecisionNumber, "decisionNumber"),
        errors.Date(DecisionDate, "decisionDate"),
        errors.Enum(Initiative, "initiative"));
}

/// <summary>执行依据: the issuing body and the document's number.</summary>
/// <param name="Issuer">作出执行依据单位: the court, arbitration commission or notary office that issued it; at most 200 characters.</param>
/// <param name="DocumentNumber">执行依据文号: its number; at most 100 characters.</param>
public sealed record EnforcementBasisRequest(
    [property: Required, Example("广州市荔湾区人民法院")] string? Issuer,
    [property: Required, Example("(2024)粤0103民初88号")] string? DocumentNumber)
{
    public static EnforcementBasis ToBasis(EnforcementBasisRequest? request, RequestErrors errors, string field = "enforcementBasis")
    {
        var basis = errors.Required(request, field);
        return new EnforcementBasis(errors.Text(basis?.Issuer, $"{field}.issuer"), errors.Text(basis?.DocumentNumber, $"{field}.documentNumber"));
    }
}

/// <summary>履行情况 (Art. 6). A debtor who has performed in full is not listed (Art. 10).</summary>
/// <param name="Status">NotPerformed (全部未履行) or PartlyPerformed (部分履行).</param>
/// <param name="AmountPerformed">Yuan already paid: 0 (or left out) when nothing was performed; when partly performed, more than 0 and
/// less than the amount owed, to the fen.</param>
public sealed record PerformanceRequest(
    [property: Required, Example("NotPerformed")] PerformanceStatus? Status,
    [property: Example(0)] decimal? AmountPerformed)
{
    public static Performance ToPerformance(PerformanceRequest? request, RequestErrors errors, string field = "performance")
    {
        var performance = errors.Required(request, field);
        return new Performance(errors.Enum(performance?.Status, $"{field}.status"), performance?.AmountPerformed ?? 0);
    }
}

/// <summary>One ground of Art. 1 and what the debtor did.</summary>
/// <param name="Ground">One of the six grounds of Art. 1, each at most once in a listing.</param>
/// <param name="Behaviour">失信行为情形: the specific behaviour the court found (published, Art. 6); at most 1000 characters.</param>
public sealed record GroundRequest(
    [property: Required, Example("EvadesEnforcement")] DishonestGround? Ground,
    [property: Required, Example("以虚假诉讼转移财产规避执行")] string? Behaviour)
{
    public static List<GroundFinding> ToGrounds(IReadOnlyList<GroundRequest>? grounds, RequestErrors errors, string field = "grounds")
    {
        if (grounds is null)
        {
            errors.Add(field, "Art. 1: at least one of the six grounds is required");
            return [];
        }
        if (grounds.Count > 6)
            errors.Add(field, "there are only six grounds");
        return [.. grounds.Take(6).Select((g, i) => new GroundFinding(
            errors.Enum(g?.Ground, $"{field}[{i}].ground"), errors.Text(g?.Behaviour, $"{field}[{i}].behaviour")))];
    }
}

/// <summary>Art. 9 correction: send only the fields to change, and why. The corrected listing is held to every rule of a new
/// one, and each changed field is recorded. <c>responsiblePersons</c>, when sent, is the entity's full list as it now stands: each
/// person newly named is restricted, each no longer named freed.</summary>
/// <param name="Explanation">Why the listing is corrected (Art. 9); at most 1000 characters.</param>
/// <param name="SubjectName">The subject's corrected name; at most 100 characters.</param>
/// <param name="EnforcementBasis">The corrected enforcement basis, both members.</param>
/// <param name="Obligation">The corrected obligation; at most 2000 characters.</param>
/// <param name="AmountOwed">The corrected amount owed in yuan.</param>
/// <param name="Performance">The corrected performance status.</param>
/// <param name="Grounds">The corrected grounds, all of them: they replace the listed ones (Art. 1). Correcting to ground 1 removes the
/// fixed term, to grounds 2–6 gives one (Art. 2).</param>
/// <param name="FilingDate">The corrected filing date.</param>
/// <param name="PublicationDate">The corrected publication date; the fixed term is counted again from it (Art. 2). If the term so
/// counted has already run out, the correction is recorded and the listing ends at once as expired (Art. 10 ¶2).</param>
/// <param name="ResponsiblePersons">An entity's persons who answer for it, the full list as it now stands (consumption rules Art. 3 ¶2):
/// a change of legal representative or of the other persons is a correction, not a removal.</param>
/// <param name="DecisionNumber">The corrected number of the listing decision (Art. 5).</param>
/// <param name="DecisionDate">The corrected date of the listing decision (Art. 5).</param>
/// <param name="Initiative">The corrected initiative: CreditorApplication or OwnMotion (Art. 5).</param>
public sealed record CorrectListingRequest(
    [property: Required, Example("公布日期录入错误")] string? Explanation,
    [property: Example("张三丰")] string? SubjectName,
    EnforcementBasisRequest? EnforcementBasis,
    [property: Example("支付货款120000元及利息")] string? Obligation,
    [property: Example(120000.00)] decimal? AmountOwed,
    PerformanceRequest? Performance,
    IReadOnlyList<GroundRequest>? Grounds,
    [property: Example("2025-01-03")] DateOnly? FilingDate,
    [property: Example("2025-03-06")] DateOnly? PublicationDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons,
    [property: Example("(2025)粤0103执1234号之一")] string? DecisionNumber,
    [property: Example("2025-02-21")] DateOnly? DecisionDate,
    [property: Example("OwnMotion")] ListingInitiative? Initiative)
{
    public CorrectListing ToCommand(Guid listingId, RequestErrors errors) => new(
        listingId,
        errors.Text(Explanation, "explanation"),
        SubjectName,
        EnforcementBasis is null ? null : EnforcementBasisRequest.ToBasis(EnforcementBasis, errors),
        Obligation,
        AmountOwed,
        Performance is null ? null : PerformanceRequest.ToPerformance(Performance, errors),
        Grounds is null ? null : GroundRequest.ToGrounds(Grounds, errors),
        errors.OptionalDate(FilingDate, "filingDate"),
        errors.OptionalDate(PublicationDate, "publicationDate"),
        ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors),
        DecisionNumber,
        errors.OptionalDate(DecisionDate, "decisionDate"),
        Initiative is null ? null : errors.Enum(Initiative, "initiative"));
}

/// <summary>Art. 2: extend a fixed-term listing by 1–3 years, for violence or threats or for several dishonest acts.</summary>
/// <param name="Years">1 to 3; all extensions of a listing add up to at most 3 years (Art. 2).</param>
/// <param name="Explanation">What the debtor did that calls for the extension; at most 1000 characters.</param>
/// <param name="Condition">The condition of Art. 2 the extension rests on: ViolenceOrThreats or SeveralDishonestActs.</param>
public sealed record ExtendListingRequest(
    [property: Required, Example(1)] int? Years,
    [property: Required, Example("以暴力、威胁方法妨碍执行")] string? Explanation,
    [property: Required, Example("ViolenceOrThreats")] ExtensionCondition? Condition)
{
    public ExtendListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Required(Years, "years"), errors.Text(Explanation, "explanation"), Condition);
}

/// <summary>Removal from the list (Arts. 9, 10, 12); the listing leaves publication at once.</summary>
/// <param name="Reason">The statutory reason: Art. 9 revocation (WronglyListed), one of the seven grounds of Art. 10 ¶1, early removal
/// under Art. 2 (BehaviourCorrected) or an upheld objection (Art. 12). TermExpired is not sent: a fixed term ends by itself (Art. 10
/// ¶2). FullPerformance, SettlementPerformed, RulingNotToEnforce and EnforcementTerminated also lift the case's consumption
/// restrictions and exit bans (consumption rules Art. 9).</param>
/// <param name="Explanation">What happened (the ruling, the payment, the creditor's application); at most 1000 characters.</param>
/// <param name="KeepConsumptionRestriction">Keep the consumption restriction that came with the listing (default false); not allowed
/// when the debt is performed or the listing was wrong (consumption rules Art. 9).</param>
/// <param name="EventDate">The day of the event the removal follows: the performance, the ruling, the approval of the creditor's
/// request, the finding that the listing was wrong. Arts. 9 and 10 ¶1 require the removal within 3 working days of it, and the
/// courts' report of late removals counts from it; on or after the case's filing date, not in the future.</param>
public sealed record RemoveListingRequest(
    [property: Required, Example("FullPerformance")] RemovalReason? Reason,
    [property: Required, Example("被执行人已全部履行，申请执行人确认")] string? Explanation,
    [property: Example(false)] bool? KeepConsumptionRestriction,
    [property: Example("2025-06-30")] DateOnly? EventDate = null)
{
    public RemoveListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"), KeepConsumptionRestriction ?? false,
            errors.OptionalDate(EventDate, "eventDate"));
}
