namespace Credit.Grains.Interfaces.Partners;

/// <summary>An active dishonest-debtor listing with everything any exposure partner may be granted of it, before it is cut
/// down to one partner's fields (<see cref="PartnerView"/>). The full ID number is not kept: the masked form is all a partner
/// ever receives, and <see cref="Region"/> is all a filter needs of the number.</summary>
/// <param name="Region">The area the subject's document names (GB/T 2260 digits), or null when it names none.</param>
/// <param name="Residence">Where the court says the subject usually lives, when it recorded it, with the point on the 0.01° grid
/// (about 1 km): the court's own point never leaves <c>subject_partner_records</c>.</param>
/// <param name="Phones">The subject's phone numbers a court recorded (for the telecom operators' ring-back tone); empty if none.</param>
/// <param name="PhotoId">The name the subject's ID photo is served under, when a court uploaded one (it changes with the photo).</param>
/// <param name="Traces">Once the listing is no longer in force and its records are gone (<see cref="WithoutRecords"/>): what the
/// partners' filters judged of them.</param>
public sealed record PartnerListing(
    Guid ListingId,
    string SubjectKey,
    bool IsEntity,
    string Name,
    string MaskedId,
    string? Region,
    string CourtCode,
    string CourtName,
    string CaseNumber,
    decimal AmountOwed,
    DateOnly PublicationDate,
    DateOnly? PeriodEnd,
    Residence? Residence,
    IReadOnlyList<string> Phones,
    string? PhotoId = null,
    RecordTraces? Traces = null)
{
    /// <summary>The listing as the partners' change log keeps it once it is no longer in force: without the phones, the residence
    /// and the photo (kept nowhere a partner could page back to), but with what the filters need to send the removal to every
    /// consumer that was given the listing through them (a ring-back tone set by the phone, a push by the residence).</summary>
    public PartnerListing WithoutRecords() => this with
    {
        Residence = null,
        Phones = [],
        PhotoId = null,
        Traces = Traces ?? (Phones.Count == 0 && Residence is null
            ? null
            : new RecordTraces(Phones.Count > 0, Residence is { } home ? home with { Street = null } : null)),
    };
}

/// <summary>What the partners' filters judged of a listing's records after they were deleted: whether phones were recorded, and
/// the residence's district and coarse point (as the partners received it; no street).</summary>
public sealed record RecordTraces(bool HadPhones, Residence? Residence);

/// <summary>A subject's usual residence as a court records it for the exposure partners: a district (GB/T 2260 county-level
/// code), optionally the street or town, and a point to measure distances from. Never the address: data minimisation, and
/// a push "within 20 km of the debtor's residence" needs no more.</summary>
/// <param name="RegionCode">The six-digit district code, e.g. 440103 (Liwan).</param>
/// <param name="Street">The street (街道) or town (镇), at most 30 characters; never a house number.</param>
/// <param name="Latitude">WGS 84 degrees, −90 to 90.</param>
/// <param name="Longitude">WGS 84 degrees, −180 to 180.</param>
public sealed record Residence(string RegionCode, string? Street, double Latitude, double Longitude);
