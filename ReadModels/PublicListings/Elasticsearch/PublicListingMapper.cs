using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>A listing document as the public may see it (Art. 6): the masked ID only, and the age on today's
/// date in China rather than a birth date.</summary>
public sealed class PublicListingMapper(TimeProvider clock)
{
    /// <summary>Null for a tombstone, a removed listing being never published (Art. 10), and for a listing not in force
    /// today (<see cref="HoldPeriod"/>): a fixed-term listing past its last day expires even before the expiry reminder
    /// removes it (Art. 2).</summary>
    public PublicListing? ToPublic(ListingDocument document)
    {
        var today = clock.Today();
        if (document.Status != ListingFields.Active || document.PublicationDate is not { } published
            || !HoldPeriod.InForceOn(published, document.PeriodEnd, today))
            return null;
        var isEntity = document.IsEntity ?? false;
        return new PublicListing(
            document.ListingId,
            document.Name ?? "",
            isEntity,
            Enum.TryParse<DocumentType>(document.DocumentType, ignoreCase: false, out var type) ? type : isEntity ? DocumentType.CreditCode : DocumentType.ResidentId,
            Enum.TryParse<Sex>(document.Sex, ignoreCase: false, out var sex) ? sex : null,
            !isEntity && document.BirthDate is { } birth ? birth.YearsUntil(today) : null,
            document.MaskedId ?? "",
            document.LegalRepresentative,
            document.CourtCode ?? "",
            document.CourtName ?? "",
            document.Province ?? "",
            document.CaseNumber ?? "",
            document.BasisIssuer ?? "",
            document.BasisNumber ?? "",
            document.Obligation ?? "",
            document.PerformanceStatus ?? "",
            document.Behaviours ?? "",
            document.FilingDate ?? default,
            document.PublicationDate ?? default);
    }
}
