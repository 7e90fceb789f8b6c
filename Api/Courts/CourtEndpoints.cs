using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Credit.Api.Courts;

/// <summary>A court registered on the platform.</summary>
public sealed record Court(string Code, string Name, string NameEn);

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
            return TypedResults.Ok(new Court(code, name, ""));
        }).WithName("GetCallingCourt").WithSummary("The court that the API key belongs to.");

        group.MapGet("/", async Task<Ok<List<Court>>> (NpgsqlDataSource database, CancellationToken cancellationToken) =>
        {
            await using var command = database.CreateCommand("SELECT code, name, name_en FROM courts ORDER BY code");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var courts = new List<Court>();
            while (await reader.ReadAsync(cancellationToken))
                courts.Add(new Court(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return TypedResults.Ok(courts);
        }).WithName("ListCourts").WithSummary("Every court on the platform.");

        return group;
    }
}
