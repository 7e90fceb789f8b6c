using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.PublicListings;

/// <summary>A listing as the public may see it: exactly the fields of Art. 6 of the SPC rules on the list
/// (and the national site's masking of resident IDs), nothing else.</summary>
/// <param name="DocumentType">The document <see cref="MaskedId"/> is the number of, so that a passport's or a permit's
/// number is not labelled a resident ID.</param>
/// <param name="MaskedId">Resident IDs with birth month and day hidden (<c>3423011964****3224</c>); credit codes in full.</param>
/// <param name="Age">Persons only: whole years on today's date.</param>
/// <param name="LegalRepresentative">Entities only: 法定代表人或负责人姓名.</param>
/// <param name="Obligation">生效法律文书确定的义务.</param>
/// <param name="DishonestBehaviour">失信被执行人行为具体情形.</param>
public sealed record PublicListing(
    Guid ListingId,
    string Name,
    bool IsEntity,
    DocumentType DocumentType,
    Sex? Sex,
    int? Age,
    string MaskedId,
    string? LegalRepresentative,
    string CourtCode,
    string CourtName,
    string Province,
    string CaseNumber,
    string EnforcementBasisIssuer,
    string EnforcementBasisNumber,
    string Obligation,
    string PerformanceStatus,
    string DishonestBehaviour,
    DateOnly FilingDate,
    DateOnly PublicationDate);

/// <summary>One page of results, best first; pass <see cref="NextCursor"/> back for the next page.</summary>
public sealed record PublicSearchPage(IReadOnlyList<PublicListing> Items, string? NextCursor);
