using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.PublicListings;

/// <summary>Writes the subjects' rows of <c>public_listings</c>, inside the subject projection's transaction: their active
/// listings with the fields of Art. 6, names and text as they are published. However many subjects a transaction projects,
/// it deletes their rows with one statement and inserts the new ones with another: one statement a row cost PostgreSQL
/// about six times as much per row. The table is created by <c>ChangeLog/Migrations/0200_publication.sql</c>, which creates
/// the change log and this table in one script.</summary>
internal sealed class PublicListingsWriter
{
    private readonly List<string> replacedSubjects = [];
    private readonly List<Guid> listingIds = [];
    private readonly List<string> subjectKeys = [];
    private readonly List<long> subjectVersions = [];
    private readonly List<bool> isEntity = [];
    private readonly List<string> documentTypes = [];
    private readonly List<string> idNumbers = [];
    private readonly List<string> maskedIds = [];
    private readonly List<string> names = [];
    private readonly List<string?> sexes = [];
    private readonly List<DateOnly?> birthDates = [];
    private readonly List<string?> legalRepresentatives = [];
    private readonly List<string> courtCodes = [];
    private readonly List<string> provinces = [];
    private readonly List<string> caseNumbers = [];
    private readonly List<string> basisIssuers = [];
    private readonly List<string> basisNumbers = [];
    private readonly List<string> obligations = [];
    private readonly List<decimal> amountsOwed = [];
    private readonly List<string> performanceStatuses = [];
    private readonly List<decimal> amountsPerformed = [];
    private readonly List<string> grounds = [];
    private readonly List<string> behaviours = [];
    private readonly List<DateOnly> filingDates = [];
    private readonly List<DateOnly> publicationDates = [];
    private readonly List<DateOnly?> periodEnds = [];

    /// <summary>Replaces the subject's rows with those of its active listings. A subject never projected before has no rows
    /// to delete (only its projection writes them, in the transaction that records it projected), which spares a bulk job's
    /// new subjects an index lookup each.</summary>
    public void Replace(SubjectSnapshot subject, bool projectedBefore)
    {
        var profile = subject.Profile;
        var name = PublishedText.Of(profile.Name);
        if (projectedBefore)
            replacedSubjects.Add(profile.Id.Key);
        foreach (var listing in subject.Listings.Where(l => l.Status == ListingStatus.Active))
        {
            listingIds.Add(listing.Id);
            subjectKeys.Add(profile.Id.Key);
            subjectVersions.Add(subject.Version);
            isEntity.Add(profile.Id.IsEntity);
            documentTypes.Add(profile.Id.Type.ToString());
            idNumbers.Add(profile.Id.Number);
            maskedIds.Add(profile.Id.Masked);
            names.Add(name);
            sexes.Add(profile.Sex?.ToString());
            birthDates.Add(profile.BirthDate);
            legalRepresentatives.Add(PublishedText.OrNull(listing.ResponsiblePersons.LegalRepresentativeName()));
            courtCodes.Add(listing.Court.Value);
            provinces.Add(Provinces.Of(listing.Court.Value));
            caseNumbers.Add(listing.CaseNumber.Value);
            basisIssuers.Add(PublishedText.Of(listing.EnforcementBasis.Issuer));
            basisNumbers.Add(PublishedText.Of(listing.EnforcementBasis.DocumentNumber));
            obligations.Add(PublishedText.Of(listing.Obligation));
            amountsOwed.Add(listing.AmountOwed);
            performanceStatuses.Add(listing.Performance.Status.ToString());
            amountsPerformed.Add(listing.Performance.AmountPerformed);
            // An array per row does not pass through unnest (it flattens a two-dimensional array), so each row's grounds go
            // as the text of an integer array and are cast back.
            grounds.Add($"{{{string.Join(',', listing.Grounds.Select(g => (int)g.Ground))}}}");
            behaviours.Add(PublishedText.Of(string.Join("；", listing.Grounds.Select(g => g.Behaviour))));
            filingDates.Add(listing.FilingDate);
            publicationDates.Add(listing.PublicationDate);
            periodEnds.Add(listing.PeriodEnd);
        }
    }

    /// <summary>The statements for the projection's batch: none when nothing is to be deleted or written.</summary>
    public IEnumerable<NpgsqlBatchCommand> Commands()
    {
        if (replacedSubjects.Count > 0)
        {
            yield return new NpgsqlBatchCommand("DELETE FROM public_listings WHERE subject_key = ANY($1)")
            {
                Parameters = { ArrayParameter.Of(NpgsqlDbType.Text, replacedSubjects) },
            };
        }
        if (listingIds.Count == 0)
            yield break;
        yield return new NpgsqlBatchCommand("""
            INSERT INTO public_listings (listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name,
                sex, birth_date, legal_representative, court_code, court_name, province, case_number, basis_issuer, basis_number, obligation,
                amount_owed, performance_status, amount_performed, grounds, behaviours, filing_date, publication_date, period_end)
            SELECT r.listing_id, r.subject_key, r.subject_version, r.is_entity, r.document_type, r.id_number, r.masked_id, r.name,
                r.sex, r.birth_date, r.legal_representative, r.court_code, COALESCE((SELECT c.name FROM courts c WHERE c.code = r.court_code), r.court_code),
                r.province, r.case_number, r.basis_issuer, r.basis_number, r.obligation, r.amount_owed, r.performance_status, r.amount_performed,
                r.grounds::int[], r.behaviours, r.filing_date, r.publication_date, r.period_end
            FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::date[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::numeric[],
                $19::text[], $20::numeric[], $21::text[], $22::text[], $23::date[], $24::date[], $25::date[])
                AS r(listing_id, subject_key, subject_version, is_entity, document_type, id_number, masked_id, name, sex, birth_date,
                    legal_representative, court_code, province, case_number, basis_issuer, basis_number, obligation, amount_owed,
                    performance_status, amount_performed, grounds, behaviours, filing_date, publication_date, period_end)
            """)
        {
            Parameters =
            {
                ArrayParameter.Of(NpgsqlDbType.Uuid, listingIds), ArrayParameter.Of(NpgsqlDbType.Text, subjectKeys), ArrayParameter.Of(NpgsqlDbType.Bigint, subjectVersions),
                ArrayParameter.Of(NpgsqlDbType.Boolean, isEntity), ArrayParameter.Of(NpgsqlDbType.Text, documentTypes), ArrayParameter.Of(NpgsqlDbType.Text, idNumbers),
                ArrayParameter.Of(NpgsqlDbType.Text, maskedIds), ArrayParameter.Of(NpgsqlDbType.Text, names), ArrayParameter.Of(NpgsqlDbType.Text, sexes),
                ArrayParameter.Of(NpgsqlDbType.Date, birthDates), ArrayParameter.Of(NpgsqlDbType.Text, legalRepresentatives), ArrayParameter.Of(NpgsqlDbType.Text, courtCodes),
                ArrayParameter.Of(NpgsqlDbType.Text, provinces), ArrayParameter.Of(NpgsqlDbType.Text, caseNumbers), ArrayParameter.Of(NpgsqlDbType.Text, basisIssuers),
                ArrayParameter.Of(NpgsqlDbType.Text, basisNumbers), ArrayParameter.Of(NpgsqlDbType.Text, obligations), ArrayParameter.Of(NpgsqlDbType.Numeric, amountsOwed),
                ArrayParameter.Of(NpgsqlDbType.Text, performanceStatuses), ArrayParameter.Of(NpgsqlDbType.Numeric, amountsPerformed), ArrayParameter.Of(NpgsqlDbType.Text, grounds),
                ArrayParameter.Of(NpgsqlDbType.Text, behaviours), ArrayParameter.Of(NpgsqlDbType.Date, filingDates), ArrayParameter.Of(NpgsqlDbType.Date, publicationDates),
                ArrayParameter.Of(NpgsqlDbType.Date, periodEnds),
            },
        };
    }
}
