using System.Globalization;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Checks;

/// <summary>How current a check's answer is: when the index last confirmed it held every change committed by then, and
/// how many whole seconds ago that was. The follower confirms every second while PostgreSQL answers; while it does not,
/// checks go on being answered from memory and the age grows, so an agency can tell a current "Clear" from an old one.</summary>
public static class IndexFreshness
{
    public const string ConfirmedHeader = "Credit-Index-Confirmed";
    public const string AgeHeader = "Credit-Index-Age";

    private sealed record Formatted(DateTimeOffset Instant, string Text);

    // The instant changes about once a second; formatting it once serves the thousands of checks in between.
    private static Formatted? formatted;

    public static void Describe(HttpResponse response, InterceptionIndex index)
    {
        var confirmed = index.LastConfirmed;
        var cached = formatted;
        if (cached is null || cached.Instant != confirmed)
            formatted = cached = new Formatted(confirmed, confirmed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        var age = (long)Math.Max(0, (DateTimeOffset.UtcNow - confirmed).TotalSeconds);
        response.Headers[ConfirmedHeader] = cached.Text;
        response.Headers[AgeHeader] = age.ToString(CultureInfo.InvariantCulture);
    }
}
