using Credit.Grains.Interfaces.Agencies;

namespace Credit.ReadModels.Screens;

/// <summary>An active listing as the subway screens may see it: what a slide shows (name, ID masked as the public site
/// masks it, amount owed, court and case, the subject's photo) and what the channels select by. The full ID number is
/// not kept: <see cref="Region"/> is all the selection needs of it.</summary>
/// <param name="Region">The area the subject's document names (GB/T 2260 digits: a resident ID's first six, a credit code's
/// characters 3–8), or null when it names none (passports, permits).</param>
/// <param name="PhotoId">The subject's ID photo, when a court uploaded one: the name it is served under.</param>
/// <param name="Excluded">The listing's court keeps it off the screens.</param>
public sealed record ScreenListing(
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
    string? PhotoId,
    bool Excluded)
{
    /// <summary>Published on <paramref name="day"/> (China time), under the one "in force on day D" rule.</summary>
    public bool InForceOn(DateOnly day) => HoldPeriod.InForceOn(PublicationDate, PeriodEnd, day);
}
