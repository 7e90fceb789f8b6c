using Credit.Api.Publication;
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

        // The public pages show a court's name where the answers give its code (a receipt's steps, the statistics).
        app.MapGet("/api/v1/public/courts", async Task<Ok<List<Court>>> (CourtRegistry courts, CancellationToken cancellationToken) =>
            TypedResults.Ok(await courts.ListAsync(cancellationToken)))
            .WithTags("Courts 法院")
            .AllowAnonymous()
            .RequireRateLimiting(PublicSearchEndpoints.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ListCourtsPublic").WithSummary("Every court on the platform, by code and name, for the public pages.");

        return group;
    }
}
