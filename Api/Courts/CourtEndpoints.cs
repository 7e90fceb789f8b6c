using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Courts;

public static class CourtEndpoints
{
    public static RouteGroupBuilder MapCourts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/courts")
            .WithTags("Courts 法院")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/me", Ok<Court> (HttpContext http) =>
        {
            var code = http.User.Court().Value;
            var name = http.User.FindFirst(CourtApiKeyAuthentication.CourtNameClaim)?.Value ?? "";
            var nameEn = http.User.FindFirst(CourtApiKeyAuthentication.CourtNameEnClaim)?.Value ?? "";
            return TypedResults.Ok(new Court(code, name, nameEn));
        }).WithName("GetCallingCourt").WithSummary("The court that the API key belongs to.");

        group.MapGet("/", async Task<Ok<List<Court>>> (CourtRegistry courts, CancellationToken cancellationToken) =>
            TypedResults.Ok(await courts.ListAsync(cancellationToken)))
            .WithName("ListCourts").WithSummary("Every court on the platform.");

        return group;
    }
}
