using Credit.Api.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Publication;

public static class PublicSearchEndpoints
{
    public const string RateLimitPolicy = "public-search";

    public static RouteGroupBuilder MapPublicSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public/listings")
            .WithTags("Public search 失信被执行人名单公开查询")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<SearchUnavailableFilter>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", async Task<Results<Ok<PublicSearchPage>, ValidationProblem>> (
            string? name, string? idNumber, string? caseNumber, string? court, string? region, SubjectKind? kind, int? limit, string? cursor,
            IPublicSearch search, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var query = PublicSearchRequest.Validate(name, idNumber, caseNumber, court, region, kind, limit, cursor, errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
        }).WithName("SearchPublicListings")
          .WithSummary("Search the active dishonest-debtor listings by name (exact or partial), full ID number or case number; only the fields Art. 6 publishes, resident IDs masked.");

        group.MapGet("/{listingId:guid}", async Task<Results<Ok<PublicListing>, NotFound>> (Guid listingId, IPublicSearch search, CancellationToken cancellationToken) =>
            await search.FindAsync(listingId, cancellationToken) is { } listing ? TypedResults.Ok(listing) : TypedResults.NotFound())
            .WithName("GetPublicListing").WithSummary("One active listing as published.");

        return group;
    }
}
