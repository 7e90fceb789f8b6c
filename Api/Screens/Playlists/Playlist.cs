using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Screens.Playlists;

/// <summary>What every screen of a channel shows in the current rotation period, in order.</summary>
/// <param name="Period">The rotation period's number (periods of the channel's length since 1970-01-01 UTC).</param>
/// <param name="PeriodEndsAt">When the next period's playlist takes over.</param>
/// <param name="SlideSeconds">How long to show each slide.</param>
/// <param name="PollSeconds">How often to ask for the playlist again (with If-None-Match): a removed listing must be gone from
/// the screen after the next poll.</param>
public sealed record Playlist(
    string Channel,
    string NameZh,
    string NameEn,
    long Period,
    DateTimeOffset PeriodStartsAt,
    DateTimeOffset PeriodEndsAt,
    int SlideSeconds,
    int PollSeconds,
    IReadOnlyList<PlaylistSlide> Slides);

/// <summary>One listing on the screens: what the seeds' subway film shows (ID photo, name, ID number, amount not yet paid)
/// with the court and case that answer for it.</summary>
/// <param name="DocumentType">What <paramref name="MaskedId"/> is the number of: a screen labels a passport's or a permit's
/// number as such, not as a resident ID.</param>
/// <param name="MaskedId">The ID as the public site shows it: a resident ID without the birth month and day
/// (<c>440103198001****1234</c>), a credit code in full.</param>
/// <param name="AmountOwed">The amount the enforcement basis obliges the debtor to pay, in yuan.</param>
/// <param name="AmountUnpaid">What the debtor has not yet paid of it (the amount owed less the amount performed), in yuan:
/// the figure a screen shows as 未履行金额.</param>
/// <param name="Photo">Where the subject's ID photo is served to this channel, or null when there is none or the channel shows none.</param>
public sealed record PlaylistSlide(
    Guid ListingId,
    string Name,
    bool IsEntity,
    DocumentType DocumentType,
    string MaskedId,
    decimal AmountOwed,
    decimal AmountUnpaid,
    string CourtName,
    string CaseNumber,
    DateOnly PublicationDate,
    string? Photo);
