using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Removals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Removals;

/// <summary>A removal made later than 3 working days after its event (Arts. 9, 10 ¶1).</summary>
/// <param name="Due">The third working day after the event.</param>
/// <param name="WorkingDaysLate">Working days between the due day and the removal.</param>
public sealed record LateRemoval(Guid ListingId, string SubjectKey, string Court, string RemovedBy, string CaseNumber, RemovalReason Reason, string Article,
    DateOnly EventDate, DateOnly Due, DateOnly RemovedOn, int WorkingDaysLate);

/// <summary>The report: of the Art. 9 and Art. 10 ¶1 removals in the period, how many carry their event's date, which of those
/// came late, and the years the working-day calendar lacked (removals whose deadline falls in them are neither late nor on time).</summary>
public sealed record LateRemovalReport(DateOnly From, DateOnly To, int Removals, int WithoutEventDate, int OnTime, IReadOnlyList<LateRemoval> Late,
    int Undetermined, IReadOnlyList<int> MissingCalendarYears);

public static class RemovalEndpoints
{
    public const int MaximumDays = 366;

    public static RouteGroupBuilder MapRemovals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/removals")
            .WithTags("Listings 失信被执行人名单")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/late", LateAsync).WithName("ListLateRemovals")
            .WithParameter("from", "First day of removal (China time), inclusive.", "2026-10-01")
            .WithParameter("to", $"Last day of removal, inclusive; at most {MaximumDays} days after from.", "2026-10-31")
            .WithSummary("Revocations (Art. 9) and deletions (Art. 10 ¶1) of the calling court's listings, and of the courts below it, not made within 3 working days of the event the court recorded, counted on the working-day calendar.");
        return group;
    }

    private static async Task<Results<Ok<LateRemovalReport>, ValidationProblem>> LateAsync(DateOnly? from, DateOnly? to, HttpContext http,
        RemovalQueries removals, IWorkingDayCalendarSource calendar, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var (first, last) = (errors.Date(from, "from"), errors.Date(to, "to"));
        if (!errors.Any && (last < first || last.DayNumber - first.DayNumber > MaximumDays))
            errors.Add("to", $"must be on or after from, at most {MaximumDays} days after it");
        if (errors.Any)
            return SubjectChange.Invalid(errors);

        var days = calendar.Current;
        var rows = (await removals.ListAsync(http.User.Court().Value, first, last, cancellationToken))
            .Where(r => Enum.TryParse<RemovalReason>(r.Reason, out var reason) && reason.IsDueWithin3WorkingDays()).ToList();
        var (late, missing) = (new List<LateRemoval>(), new SortedSet<int>());
        var (onTime, undetermined) = (0, 0);
        foreach (var row in rows.Where(r => r.EventDate is not null))
        {
            var deadline = days.AddWorkingDays(row.EventDate!.Value, 3);
            if (deadline.Due is not { } due)
            {
                missing.Add(deadline.MissingYear!.Value);
                undetermined++;
                continue;
            }
            if (row.RemovedOn <= due)
            {
                onTime++;
                continue;
            }
            var reason = Enum.Parse<RemovalReason>(row.Reason);
            late.Add(new LateRemoval(row.ListingId, row.SubjectKey, row.Court, row.RemovedBy, row.CaseNumber, reason, reason.Article(), row.EventDate.Value, due,
                row.RemovedOn, days.WorkingDaysBetween(due, row.RemovedOn) ?? 0));
        }
        return TypedResults.Ok(new LateRemovalReport(first, last, rows.Count, rows.Count(r => r.EventDate is null), onTime, late, undetermined, [.. missing]));
    }
}
