using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.Restrictions;

public static class RestrictionEndpoints
{
    public static RouteGroupBuilder MapRestrictions(this IEndpointRouteBuilder app)
    {
        var group = app.MapSubjectGroup("/restrictions", "Consumption restrictions 限制消费")
            .WithParameter("restrictionId", "The consumption restriction's id, as the subject's state shows it.", "9a0e5b7c-2d41-4c6f-8e13-07b5d2f4a8c1");

        group.MapPost("/", (string documentType, string number, ImposeRestrictionRequest request, HttpContext http) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, request.Subject?.ConfirmCreditCodeCheckOverride == true);
            var command = request.ToCommand(errors);
            return SubjectChange.ApplyAsync(http, subject, request, errors, (g, c) => g.ImposeRestriction(command, c), Pick,
                id => $"{SubjectRoute.PathOf(subject)}/restrictions/{id}");
        }).WithName("ImposeRestriction").WithSummary("Restrict a debtor's consumption (all nine items of Art. 3) in one case.");

        group.MapPost("/{restrictionId:guid}/lifting", (string documentType, string number, Guid restrictionId, LiftRestrictionRequest request, HttpContext http) =>
            SubjectChange.ApplyToExistingAsync(http, documentType, number, request, errors => request.ToCommand(restrictionId, errors),
                (g, cmd, c) => g.LiftRestriction(cmd, c), Pick))
            .WithName("LiftRestriction").WithSummary("Lift a consumption restriction with a reason (Art. 9).");

        return group;
    }

    private static ConsumptionRestriction Pick(SubjectSnapshot subject, Guid id) => subject.Restrictions.First(r => r.Id == id);
}
