using System.Text.Json.Serialization;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>One listing in the index: the fields of Art. 6 that the public may see, plus what search needs
/// (the full document number, the subject key and version, the status). Its id is the listing id and its
/// external version the subject's version, so writes of one subject's older state lose to newer ones.
/// A tombstone (<see cref="ListingFields.Removed"/>) carries only the identifying fields: a deleted listing
/// must no longer be published (Art. 10), so its personal data leaves the index too.</summary>
public sealed record ListingDocument
{
    [JsonPropertyName(ListingFields.ListingId)] public Guid ListingId { get; init; }
    [JsonPropertyName(ListingFields.SubjectKey)] public string SubjectKey { get; init; } = "";
    [JsonPropertyName(ListingFields.SubjectVersion)] public long SubjectVersion { get; init; }
    [JsonPropertyName(ListingFields.Status)] public string Status { get; init; } = ListingFields.Active;
    [JsonPropertyName(ListingFields.IsEntity)] public bool? IsEntity { get; init; }
    [JsonPropertyName(ListingFields.DocumentType)] public string? DocumentType { get; init; }
    /// <summary>Written for exact search; the mapping drops it from the stored <c>_source</c>, so it is null
    /// on every document read back.</summary>
    [JsonPropertyName(ListingFields.IdNumber)] public string? IdNumber { get; init; }
    [JsonPropertyName(ListingFields.MaskedId)] public string? MaskedId { get; init; }
    [JsonPropertyName(ListingFields.Name)] public string? Name { get; init; }
    [JsonPropertyName(ListingFields.Sex)] public string? Sex { get; init; }
    [JsonPropertyName(ListingFields.BirthDate)] public DateOnly? BirthDate { get; init; }
    [JsonPropertyName(ListingFields.LegalRepresentative)] public string? LegalRepresentative { get; init; }
    [JsonPropertyName(ListingFields.CourtCode)] public string? CourtCode { get; init; }
    [JsonPropertyName(ListingFields.CourtName)] public string? CourtName { get; init; }
    [JsonPropertyName(ListingFields.Province)] public string? Province { get; init; }
    [JsonPropertyName(ListingFields.CaseNumber)] public string? CaseNumber { get; init; }
    [JsonPropertyName(ListingFields.BasisIssuer)] public string? BasisIssuer { get; init; }
    [JsonPropertyName(ListingFields.BasisNumber)] public string? BasisNumber { get; init; }
    [JsonPropertyName(ListingFields.Obligation)] public string? Obligation { get; init; }
    [JsonPropertyName(ListingFields.PerformanceStatus)] public string? PerformanceStatus { get; init; }
    [JsonPropertyName(ListingFields.Behaviours)] public string? Behaviours { get; init; }
    [JsonPropertyName(ListingFields.FilingDate)] public DateOnly? FilingDate { get; init; }
    [JsonPropertyName(ListingFields.PublicationDate)] public DateOnly? PublicationDate { get; init; }
    [JsonPropertyName(ListingFields.PeriodEnd)] public DateOnly? PeriodEnd { get; init; }

    public static ListingDocument Tombstone(Guid listingId, string subjectKey, long subjectVersion) =>
        new() { ListingId = listingId, SubjectKey = subjectKey, SubjectVersion = subjectVersion, Status = ListingFields.Removed };
}
