using Credit.Grains.Interfaces.Subjects;

namespace Credit.ReadModels.Statistics;

/// <summary>The day each measure counts on in the monthly statistics: the day it took effect as the law knows it, not the day it
/// was recorded on the platform, so that listings loaded in bulk long after their publication count in the month they were
/// published.</summary>
public static class MeasureDates
{
    public const string Listing = "Listing";
    public const string Restriction = "Restriction";
    public const string ExitBan = "ExitBan";

    /// <summary>Every measure the subject holds or held: a listing on its publication date (Art. 6, the day it went on the
    /// public list; a decision date is missing on listings stored before decisions were recorded), a consumption restriction
    /// on the day it is effective from, an exit ban on its start date (the day border inspection stops the subject; renewals
    /// extend the same ban and are not counted again).</summary>
    public static IEnumerable<MeasureDateRow> RowsOf(SubjectSnapshot subject)
    {
        var key = subject.Profile.Id.Key;
        foreach (var listing in subject.Listings)
            yield return new MeasureDateRow(listing.Id, key, Listing, listing.Court.Value, listing.PublicationDate);
        foreach (var restriction in subject.Restrictions)
            yield return new MeasureDateRow(restriction.Id, key, Restriction, restriction.Court.Value, restriction.EffectiveFrom);
        foreach (var ban in subject.ExitBans)
            yield return new MeasureDateRow(ban.Id, key, ExitBan, ban.Court.Value, ban.StartDate);
    }
}
