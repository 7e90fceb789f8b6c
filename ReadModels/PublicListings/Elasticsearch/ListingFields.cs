namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>The field names of a listing document in the index, and the values of its status.</summary>
public static class ListingFields
{
    public const string ListingId = "listing_id";
    public const string SubjectKey = "subject_key";
    public const string SubjectVersion = "subject_version";
    public const string Status = "status";
    public const string IsEntity = "is_entity";
    public const string DocumentType = "document_type";
    /// <summary>The full document number: indexed for exact search, never stored in <c>_source</c>.</summary>
    public const string IdNumber = "id_number";
    public const string MaskedId = "masked_id";
    public const string Name = "name";
    /// <summary>The name as one keyword: an exact match ranks above a partial one.</summary>
    public const string NameExact = "name.exact";
    public const string Sex = "sex";
    public const string BirthDate = "birth_date";
    public const string LegalRepresentative = "legal_representative";
    public const string CourtCode = "court_code";
    public const string CourtName = "court_name";
    public const string Province = "province";
    public const string CaseNumber = "case_number";
    public const string BasisIssuer = "basis_issuer";
    public const string BasisNumber = "basis_number";
    public const string Obligation = "obligation";
    public const string PerformanceStatus = "performance_status";
    public const string Behaviours = "behaviours";
    public const string FilingDate = "filing_date";
    public const string PublicationDate = "publication_date";
    /// <summary>The last day of a fixed-term listing (Art. 2); none for ground 1.</summary>
    public const string PeriodEnd = "period_end";

    /// <summary>A listing the public may see.</summary>
    public const string Active = "active";

    /// <summary>A listing that left the public read model (removed, expired, revoked). It stays in the index as
    /// a tombstone with the newer external version, so a late, older event can never bring it back; a real
    /// delete would be forgotten by Elasticsearch's versioning after about a minute.</summary>
    public const string Removed = "removed";
}
