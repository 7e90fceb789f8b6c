using Credit.Api.OpenApi;
using Credit.Api.Problems;
using Credit.Api.Subjects;
using Credit.ReadModels.PublicListings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Publication;

public static class PublicSearchEndpoints
{
    public const string RateLimitPolicy = "public-search";

    private static readonly HashSet<string> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "idNumber", "caseNumber", "court", "region", "kind", "limit", "cursor",
    };

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
            HttpRequest request, IPublicSearch search, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            // The binder joins a repeated parameter's values with commas (name=张三&name=李四 reads as 张三,李四), which would
            // be refused for a rule it does not break or, for a name, searched as one name.
            foreach (var repeated in request.Query.Where(p => p.Value.Count > 1).Select(p => p.Key).Where(Parameters.Contains))
                errors.Add(repeated, BadRequestExceptionHandler.DuplicateRule);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            // The binder reads an enumeration as .NET parses one: "1" and "Person,Entity" (0 | 1) both as Entity, so that a
            // search for a listed person found no one. Only a name is a kind.
            if (request.Query["kind"] is { Count: 1 } written && ExactEnumNames.Parse<SubjectKind>(written[0] ?? "") is null)
                errors.Add("kind", "must be one of Person, Entity");
            var query = PublicSearchRequest.Validate(name, idNumber, caseNumber, court, region, kind, limit, cursor, errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return TypedResults.Ok(await search.SearchAsync(query, cancellationToken));
        }).WithName("SearchPublicListings")
          .WithParameter("name", "姓名或名称, whole or in part, 2 to 50 characters; exact matches come first. Give a name, an idNumber or a caseNumber.", "张三")
          .WithParameter("idNumber", "A full resident ID, credit code or document number, matched whole.", "11010519491231002X")
          .WithParameter("caseNumber", "A full case number.", "(2025)粤0103执1234号")
          .WithParameter("court", "Only the listings of this court: its code.", "粤0103")
          .WithParameter("region", "Only the listings of courts whose code starts so: a province character and up to 4 digits.", "粤01")
          .WithParameter("kind", "Only persons (Person) or only entities (Entity).", "Person")
          .WithParameter("limit", $"Listings per page, 1 to {PublicSearchRequest.MaximumLimit}; {PublicSearchRequest.DefaultLimit} when left out.", PublicSearchRequest.DefaultLimit)
          .WithParameter("cursor", "The previous page's nextCursor; left out for the first page.")
          .WithSummary("Search the active dishonest-debtor listings by name (exact or partial), full ID number or case number; only the fields Art. 6 publishes, resident IDs masked.");

        group.MapGet("/{listingId:guid}", async Task<Results<Ok<PublicListing>, NotFound>> (Guid listingId, IPublicSearch search, CancellationToken cancellationToken) =>
            await search.FindAsync(listingId, cancellationToken) is { } listing ? TypedResults.Ok(listing) : TypedResults.NotFound())
            .WithName("GetPublicListing")
            .WithParameter("listingId", "The listing's id, as a search answered it.", "3f1c2a52-0c3e-4e0a-9d38-5b7a3c9e1f20")
            .WithSummary("One active listing as published.");

        return group;
    }
}
