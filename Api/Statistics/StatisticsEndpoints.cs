using System.Globalization;
using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Api.Publication;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.ApiKeys;
using Credit.ReadModels.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Credit.Api.Statistics;

/// <summary>The figures courts report (per court and month) and the city's totals for the public.</summary>
public static class StatisticsEndpoints
{
    public const int MaximumMonths = 36;

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var courts = app.MapGroup("/api/v1/statistics")
            .WithTags("Statistics 统计")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        courts.MapGet("/monthly", MonthlyAsync).WithName("GetMonthlyStatistics")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithParameter("from", "The first month, yyyy-MM (China time).", "2026-01")
            .WithParameter("to", $"The last month, yyyy-MM, inclusive; at most {MaximumMonths} months from the first.", "2026-12")
            .WithParameter("court", "A court within the calling court (itself or one below it), whose figures and those of the courts below it are counted; the calling court when left out.", "粤0103")
            .WithSummary("Per court and month: listings, restrictions, exit bans, removals by reason and after performance (with the amounts owed), objections received, upheld and overdue, and hits by agency, measure and outcome; a court sees its own and those of the courts below it.");

        var open = app.MapGroup("/api/v1/public/statistics")
            .WithTags("Statistics 统计")
            .AllowAnonymous()
            .RequireRateLimiting(PublicSearchEndpoints.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/city", CityAsync).WithName("GetCityStatistics")
            .WithParameter("from", "The first month, yyyy-MM (China time).", "2026-01")
            .WithParameter("to", $"The last month, yyyy-MM, inclusive; at most {MaximumMonths} months from the first.", "2026-12")
            .WithSummary("The city's totals over the months (its intermediate court and the courts below it, Credit:Statistics:City), for the public: counts only, nothing about any subject or case.");
        return app;
    }

    private static async Task<Results<Ok<StatisticsReport>, ValidationProblem, ProblemHttpResult>> MonthlyAsync(string? from, string? to, string? court,
        HttpContext http, StatisticsQueries queries, CourtRegistry courts, IWorkingDayCalendarSource calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var (first, last) = Months(from, to, errors);
        var caller = http.User.Court();
        var scope = caller;
        if (court is not null && !CourtCode.TryParse(court, null, out scope))
            errors.Add("court", "must be a court code, e.g. 粤0103");
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        if (!scope.IsWithin(caller))
            return TypedResults.Problem($"court: {scope} is not {caller} or a court below it", statusCode: StatusCodes.Status403Forbidden,
                title: "Another court's figures 无权查看", extensions: new Dictionary<string, object?> { ["field"] = "court", ["rule"] = "a court sees its own figures and those of the courts below it" });
        // A code of no court would be counted as zeros, which reads as a court with nothing to report.
        if (scope != caller && !await courts.IsOnPlatformAsync(scope, cancellationToken))
            return TypedResults.Problem($"court: no court {scope} on the platform", statusCode: StatusCodes.Status404NotFound,
                title: "Not found 未找到", extensions: new Dictionary<string, object?> { ["field"] = "court", ["rule"] = "no court with this code on the platform (GET /api/v1/courts lists them)" });

        var counts = await queries.CountAsync(scope.Value, first, last.AddMonths(1), cancellationToken);
        var open = await queries.OpenObjectionsAsync(scope.Value, first, last.AddMonths(1), cancellationToken);
        var months = CourtMonthStatistics.Build(counts, open, calendar.Current, clock.Today());
        var totals = CourtMonthStatistics.Of("*", "*", counts, months.Sum(m => m.ObjectionsOverdue));
        return TypedResults.Ok(new StatisticsReport(scope.Value, Month(first), Month(last), months, totals));
    }

    private static async Task<Results<Ok<PublicStatistics>, ValidationProblem>> CityAsync(string? from, string? to, StatisticsQueries queries,
        IOptions<StatisticsOptions> options, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var (first, last) = Months(from, to, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var city = options.Value.City;
        var totals = CourtMonthStatistics.Of("*", "*", await queries.CountAsync(city, first, last.AddMonths(1), cancellationToken), 0);
        return TypedResults.Ok(new PublicStatistics(city, Month(first), Month(last), totals.Listings, totals.Restrictions, totals.ExitBans,
            totals.Removals.Values.Sum(), totals.RemovalsAfterPerformance, totals.ObjectionsReceived, totals.ObjectionsUpheld, totals.HitsTotal));
    }

    private static (DateOnly First, DateOnly Last) Months(string? from, string? to, RequestErrors errors)
    {
        var first = MonthOf(from, "from", errors);
        var last = MonthOf(to, "to", errors);
        if (!errors.Any && (last < first || (last.Year - first.Year) * 12 + last.Month - first.Month >= MaximumMonths))
            errors.Add("to", $"must be from's month or later, at most {MaximumMonths} months in all");
        return (first, last);
    }

    private static DateOnly MonthOf(string? text, string field, RequestErrors errors)
    {
        if (text is null)
            errors.Add(field, "is required: a month as yyyy-MM, e.g. 2026-10");
        else if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 2000 and <= 2200)
            return month;
        else
            errors.Add(field, "must be a month as yyyy-MM between 2000-01 and 2200-12, e.g. 2026-10");
        return default;
    }

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
