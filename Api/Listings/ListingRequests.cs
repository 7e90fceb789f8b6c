using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Listings;

namespace Credit.Api.Listings;

/// <summary>列入失信被执行人名单: one case of the calling court.</summary>
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
    LegalRepresentativeRequest? LegalRepresentative)
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
        LegalRepresentative?.ToRepresentative(errors));
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

/// <summary>法定代表人/负责人 of an entity debtor: named with the listing, restricted personally.</summary>
public sealed record LegalRepresentativeRequest(string? Name, string? ResidentId)
{
    public LegalRepresentative ToRepresentative(RequestErrors errors) =>
        new(errors.Text(Name, "legalRepresentative.name"), errors.ResidentId(ResidentId, "legalRepresentative.residentId"));
}

/// <summary>Art. 9 correction: send only the fields to change, and why.</summary>
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
    LegalRepresentativeRequest? LegalRepresentative)
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
        LegalRepresentative?.ToRepresentative(errors));
}

/// <summary>Art. 2: extend a fixed-term listing by 1–3 years.</summary>
public sealed record ExtendListingRequest(int? Years, string? Explanation)
{
    public ExtendListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Required(Years, "years"), errors.Text(Explanation, "explanation"));
}

/// <param name="KeepConsumptionRestriction">Keep the restriction that came with the listing (not allowed when the debt is performed).</param>
public sealed record RemoveListingRequest(RemovalReason? Reason, string? Explanation, bool? KeepConsumptionRestriction)
{
    public RemoveListing ToCommand(Guid listingId, RequestErrors errors) =>
        new(listingId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"), KeepConsumptionRestriction ?? false);
}
