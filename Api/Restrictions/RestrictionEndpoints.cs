using Credit.Api.Agencies.Catalogue;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.Interceptions;

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

        group.MapPost("/{restrictionId:guid}/corrections", (string documentType, string number, Guid restrictionId, CorrectRestrictionRequest request, HttpContext http) =>
            SubjectChange.ApplyToExistingAsync(http, documentType, number, request, errors => request.ToCommand(restrictionId, errors),
                (g, cmd, c) => g.CorrectRestriction(cmd, c), Pick))
            .WithName("CorrectRestriction")
            .WithSummary("Correct the persons an entity's restriction names (consumption rules Art. 3 ¶2): each newly named is restricted, each no longer named freed.");

        group.MapPost("/{restrictionId:guid}/permissions", (string documentType, string number, Guid restrictionId, GrantTravelPermissionRequest request,
            HttpContext http, AgencyCatalogueSource catalogue) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            var command = request.ToCommand(restrictionId, errors);
            if (request.Measure is { } code && !IsConsumptionMeasure(catalogue.Current, code.Trim()))
                errors.Add("measure", $"must be the code of a measure that follows consumption restrictions: {string.Join(", ", ConsumptionMeasures(catalogue.Current))}");
            return SubjectChange.ApplyAsync(http, subject, request, errors, (g, c) => g.GrantTravelPermission(command, c),
                (s, id) => s.TravelPermissions.First(p => p.Id == id), id => $"{SubjectRoute.PathOf(subject)}/restrictions/{restrictionId}/permissions/{id}");
        }).WithName("GrantTravelPermission")
          .WithSummary("Let a restricted person through one consumption measure for necessary travel, for a reason and dates (consumption rules Art. 8); agencies' checks show the permission beside the hit.");

        return group;
    }

    private static ConsumptionRestriction Pick(SubjectSnapshot subject, Guid id) => subject.Restrictions.First(r => r.Id == id);

    private static IEnumerable<string> ConsumptionMeasures(AgencyCatalogue catalogue) =>
        catalogue.Measures.Values.Where(m => (m.Trigger.Flags() & InterceptionTriggers.ConsumptionRestriction) != 0).Select(m => m.Code);

    private static bool IsConsumptionMeasure(AgencyCatalogue catalogue, string code) => ConsumptionMeasures(catalogue).Contains(code, StringComparer.Ordinal);
}
