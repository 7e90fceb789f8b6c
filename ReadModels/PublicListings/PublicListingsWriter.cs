using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Postgres;
using Npgsql;

namespace Credit.ReadModels.PublicListings;

/// <summary>Writes a subject's rows of <c>public_listings</c>, inside the subject projection's transaction: its active
/// listings with the fields of Art. 6, names and text as they are published. The table is created by
/// <c>ChangeLog/Migrations/0200_publication.sql</c>, which creates the change log and this table in one script.</summary>
internal static class PublicListingsWriter
{
    /// <summary>The statements that replace the subject's rows with those of its active listings, for the projection's batch.</summary>
    public static IEnumerable<NpgsqlBatchCommand> Replace(SubjectSnapshot subject)
    {
        var profile = subject.Profile;
        var name = PublishedText.Of(profile.Name);
        var delete = new NpgsqlBatchCommand("DELETE FROM public_listings WHERE subject_key = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = profile.Id.Key });
        yield return delete;
        foreach (var listing in subject.Listings.Where(l => l.Status == ListingStatus.Active))
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
                    sex, birth_date, legal_representative, court_code, court_name, province, case_number, basis_issuer, basis_number, obligation,
                    amount_owed, performance_status, amount_performed, grounds, behaviours, filing_date, publication_date, period_end)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, COALESCE((SELECT name FROM courts WHERE code = $12), $12), $13, $14, $15,
                    $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
                """);
            object?[] values =
            [
                listing.Id, profile.Id.Key, subject.Version, profile.Id.IsEntity, profile.Id.Type.ToString(), profile.Id.Number, profile.Id.Masked,
                name, profile.Sex?.ToString(), profile.BirthDate, PublishedText.OrNull(listing.ResponsiblePersons.LegalRepresentativeName()),
                listing.Court.Value, Provinces.Of(listing.Court.Value), listing.CaseNumber.Value, PublishedText.Of(listing.EnforcementBasis.Issuer),
                PublishedText.Of(listing.EnforcementBasis.DocumentNumber), PublishedText.Of(listing.Obligation), listing.AmountOwed,
                listing.Performance.Status.ToString(), listing.Performance.AmountPerformed, listing.Grounds.Select(g => (int)g.Ground).ToArray(),
                PublishedText.Of(string.Join("；", listing.Grounds.Select(g => g.Behaviour))), listing.FilingDate, listing.PublicationDate, listing.PeriodEnd,
            ];
            foreach (var value in values)
                insert.Parameters.Add(PositionalParameter.For(value));
            yield return insert;
        }
    }
}
