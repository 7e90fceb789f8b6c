namespace Credit.Grains.Interfaces.Partners;

/// <summary>What an exposure partner may receive of a listing besides its id (data minimisation: a telecom operator gets the
/// phone numbers and nothing about the debt; a news app gets the name, masked ID, court, amount and a coarse location).</summary>
public enum PartnerField
{
    /// <summary>The subject's name (Art. 6 publishes it).</summary>
    Name,
    /// <summary>The ID number masked as the public site masks it (birth month and day hidden).</summary>
    MaskedId,
    /// <summary>The amount the enforcement basis orders and the debtor has not paid.</summary>
    AmountOwed,
    /// <summary>The enforcing court and the case number.</summary>
    CourtAndCase,
    /// <summary>The listing's publication date.</summary>
    PublicationDate,
    /// <summary>The usual residence's district, street and point, never the address.</summary>
    Residence,
    /// <summary>The subject's phone numbers a court recorded.</summary>
    Phones,
    /// <summary>The subject's ID photo a court uploaded, as a reference (<see cref="PartnerEntry.PhotoId"/>) the partner fetches
    /// from its own photo endpoint while the subject is in its feed.</summary>
    Photo,
}
