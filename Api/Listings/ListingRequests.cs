using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Listings;

namespace Credit.Api.Listings;

/// <summary>列入失信被执行人名单: one case of the calling court.</summary>
/// <param name="DecisionNumber">The number of the court's decision (决定书文号) to list the debtor (Art. 5).</param>
/// <param name="DecisionDate">The date of that decision; on or after the filing date, not after the publication date.</param>
/// <param name="Initiative">Whether the court decided on the creditor's application or of its own motion (Art. 5). A creditor's
/// application within 6 months of a deletion at the creditor's request in the same case is refused (Art. 10 ¶4).</param>
/// <param name="ResponsiblePersons">An entity's only: the persons who answer for it, each restricted personally.</param>
public sealed record CreateListingRequest(
    SubjectRequest? Subject,
    string? CaseNumber,
    EnforcementBasisRequest? EnforcementBasis,
    string? Obligation,
    decimal? AmountOwed,
    PerformanceRequest? Performance,
    IReadOnlyList<GroundRequest>? Grounds,
    DateOnly? FilingDate,
    DateOnly? PublicationDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    ListingInitiative? Initiative)
{
    public CreateListing ToCommand(RequestErrors errors) => new(
        SubjectRequest.ToDetails(Subject, errors),
        errors.CaseNumber(CaseNumber),
        EnforcementBasisRequest.ToBasis(EnforcementBasis, errors),
        errors.Text(Obligation, "obligation"),
        errors.Required(AmountOwed, "amountOwed"),
        PerformanceRequest.ToPerformance(Performance, errors),
        GroundRequest.ToGrounds(Grounds, errors),
        errors.Required(FilingDate, "filingDate"),
        errors.Required(PublicationDate, "publicationDate"),
        ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors),
        errors.Text(DecisionNumber, "decisionNumber"),
        errors.Required(DecisionDate, "decisionDate"),
        errors.Enum(Initiative, "initiative"));
}

/// <summary>执行依据: the issuing body and the document's number.</summary>
public sealed record EnforcementBasisRequest(string? Issuer, string? DocumentNumber)
{
    public static EnforcementBasis ToBasis(EnforcementBasisRequest? request, RequestErrors errors, string field = "enforcementBasis")
    {
        var basis = errors.Required(request, field);
        return new EnforcementBasis(errors.Text(basis?.Issuer, $"{field}.issuer"), errors.Text(basis?.DocumentNumber, $"{field}.documentNumber"));
    }
}

/// <param name="AmountPerformed">Yuan already paid; 0 when nothing was performed.</param>
public sealed record PerformanceRequest(PerformanceStatus? Status, decimal? AmountPerformed)
{
    public static Performance ToPerformance(PerformanceRequest? request, RequestErrors errors, string field = "performance")
    {
        var performance = errors.Required(request, field);
        return new Performance(errors.Enum(performance?.Status, $"{field}.status"), performance?.AmountPerformed ?? 0);
    }
}

/// <param name="Ground">One of the six grounds of Art. 1.</param>
/// <param name="Behaviour">失信行为情形: the specific behaviour the court found.</param>
public sealed record GroundRequest(DishonestGround? Ground, string? Behaviour)
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

/// <summary>Art. 9 correction: send only the fields to change, and why. <c>responsiblePersons</c>, when sent, is the
/// entity's full list as it now stands: each person newly named is restricted, each no longer named freed.</summary>
public sealed record CorrectListingRequest(
    string? Explanation,
    string? SubjectName,
    EnforcementBasisRequest? EnforcementBasis,
    string? Obligation,
    decimal? AmountOwed,
    PerformanceRequest? Performance,
    IReadOnlyList<GroundRequest>? Grounds,
    DateOnly? FilingDate,
    DateOnly? PublicationDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    ListingInitiative? Initiative)
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
        FilingDate,
        PublicationDate,
        ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors),
        DecisionNumber,
        DecisionDate,
        Initiative is null ? null : errors.Enum(Initiative, "initiative"));
}

/// <summary>Art. 2: extend a fixed-term listing by 1–3 years, for violence or threats or for several dishonest acts.</summary>
/// <param name="Condition">The condition of Art. 2 that the extension rests on.</param>
public sealed record ExtendListingRequest(int? Years, string? Explanation, ExtensionCondition? Condition)
{
    public ExtendListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Required(Years, "years"), errors.Text(Explanation, "explanation"), Condition);
}

/// <param name="KeepConsumptionRestriction">Keep the restriction that came with the listing (not allowed when the debt is performed).</param>
public sealed record RemoveListingRequest(RemovalReason? Reason, string? Explanation, bool? KeepConsumptionRestriction)
{
    public RemoveListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"), KeepConsumptionRestriction ?? false);
}
