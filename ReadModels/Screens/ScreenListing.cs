using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Screens;

/// <summary>An active listing as the subway screens may see it: what a slide shows (name, ID masked as the public site
/// masks it, the amount still unpaid, court and case, the subject's photo) and what the channels select by. The full ID number is
/// not kept: <see cref="Region"/> is all the selection needs of it.</summary>
/// <param name="DocumentType">What <see cref="MaskedId"/> is the number of, so a passport's is not labelled a resident ID's.</param>
/// <param name="Region">The area the subject's document names (GB/T 2260 digits: a resident ID's first six, a credit code's
/// characters 3–8), or null when it names none (passports, permits).</param>
/// <param name="AmountOwed">The whole sum the enforcement basis sets.</param>
/// <param name="AmountUnpaid">What the debtor has not yet paid of it (the amount owed less the amount performed): what a
/// screen shows as 未履行金额 and what a channel's minimum is measured against, so a partly performed debtor is never shown
/// owing more than they still owe.</param>
/// <param name="PhotoId">The subject's ID photo, when a court uploaded one: the name it is served under.</param>
/// <param name="Excluded">The listing's court keeps it off the screens.</param>
public sealed record ScreenListing(
    Guid ListingId,
    string SubjectKey,
    bool IsEntity,
    DocumentType DocumentType,
    string Name,
    string MaskedId,
    string? Region,
    string CourtCode,
    string CourtName,
    string CaseNumber,
    decimal AmountOwed,
    decimal AmountUnpaid,
    DateOnly PublicationDate,
    DateOnly? PeriodEnd,
    string? PhotoId,
    bool Excluded)
{
    /// <summary>Published on <paramref name="day"/> (China time), under the one "in force on day D" rule.</summary>
    public bool InForceOn(DateOnly day) => HoldPeriod.InForceOn(PublicationDate, PeriodEnd, day);
}
