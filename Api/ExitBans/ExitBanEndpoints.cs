using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.ExitBans;

public static class ExitBanEndpoints
{
    public static RouteGroupBuilder MapExitBans(this IEndpointRouteBuilder app)
    {
        var group = app.MapSubjectGroup("/exit-bans", "Exit bans 限制出境")
            .WithParameter("exitBanId", "The exit ban's id, as the court's ImposeExitBan answered it.", "5d7e1f3a-8b24-4c9d-a6e0-1f2b3c4d5e6f");

        group.MapPost("/", (string documentType, string number, ImposeExitBanRequest request, HttpContext http) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors);
            var command = request.ToCommand(errors);
            return SubjectChange.CreateAsync(new CourtChange(http, subject, request, errors), (g, c) => g.ImposeExitBan(command, c), Pick,
                id => $"{SubjectRoute.PathOf(subject)}/exit-bans/{id}");
        }).WithName("ImposeExitBan").WithSummary("Ban a natural person from leaving the country, with start and end dates.");

        group.MapPost("/{exitBanId:guid}/renewals", (string documentType, string number, Guid exitBanId, RenewExitBanRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(exitBanId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.RenewExitBan(command, c), Pick);
        }).WithName("RenewExitBan").WithSummary("Renew an exit ban before it lapses.");

        group.MapPost("/{exitBanId:guid}/lifting", (string documentType, string number, Guid exitBanId, LiftExitBanRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(exitBanId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.LiftExitBan(command, c), Pick);
        }).WithName("LiftExitBan").WithSummary("Lift an exit ban with a reason.");

        group.MapPost("/{exitBanId:guid}/corrections", (string documentType, string number, Guid exitBanId, CorrectExitBanRequest request, HttpContext http) =>
        {
            var change = CourtChange.ToExisting(http, documentType, number, request);
            var command = request.ToCommand(exitBanId, change.Errors);
            return SubjectChange.ChangeAsync(change, (g, c) => g.CorrectExitBan(command, c), Pick);
        }).WithName("CorrectExitBan")
          .WithSummary("Correct what was recorded wrongly of an exit ban (Art. 9): its decision's number or date, or an end recorded later than decided; border inspection receives it as a change.");

        return group;
    }

    private static ExitBan Pick(SubjectSnapshot subject, Guid id) => subject.ExitBans.First(b => b.Id == id);
}
