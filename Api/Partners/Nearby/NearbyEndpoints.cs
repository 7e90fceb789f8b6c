using Credit.Api.OpenApi;
using Credit.Api.Publication;
using Credit.Api.Subjects;
using Credit.ReadModels.PublicListings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Partners.Nearby;

/// <summary>The listings near a point, nearest first.</summary>
public sealed record NearbyPage(IReadOnlyList<NearbyListing> Items);

public static class NearbyEndpoints
{
    public const double DefaultRadiusKm = 20;
    // A neighbourhood, not a door: the search answers "who near here" (the news app's push goes 20 km), and a circle barely
    // larger than the 1 km cells the distances are measured from would only invite probing.
    public const double MinimumRadiusKm = 5;
    public const double MaximumRadiusKm = 50;
    public const int DefaultLimit = 20;

    public static IEndpointRouteBuilder MapNearby(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/public/nearby", async Task<Results<Ok<NearbyPage>, ValidationProblem>> (
            double? lat, double? lon, double? radiusKm, int? limit, NearbySearch search, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            // A value that is not a number never gets here (QueryNumbers): a missing one is required, one given must be in range.
            if (lat is not { } latitude)
                errors.Add("lat", "is required: −90 to 90 degrees (WGS 84)");
            else if (latitude is < -90 or > 90)
                errors.Add("lat", "must be −90 to 90 degrees (WGS 84)");
            if (lon is not { } longitude)
                errors.Add("lon", "is required: −180 to 180 degrees (WGS 84)");
            else if (longitude is < -180 or > 180)
                errors.Add("lon", "must be −180 to 180 degrees (WGS 84)");
            if (radiusKm is { } radius && (radius < MinimumRadiusKm || radius > MaximumRadiusKm))
                errors.Add("radiusKm", $"must be {MinimumRadiusKm} to {MaximumRadiusKm} km");
            if (limit is < 1 or > NearbySearch.MaximumLimit)
                errors.Add("limit", $"must be between 1 and {NearbySearch.MaximumLimit}");
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            return TypedResults.Ok(new NearbyPage(await search.SearchAsync(lat!.Value, lon!.Value, radiusKm ?? DefaultRadiusKm, limit ?? DefaultLimit, cancellationToken)));
        }).WithName("SearchNearbyListings")
          .WithTags("Public search 失信被执行人名单公开查询")
          .AllowAnonymous()
          .RequireRateLimiting(PublicSearchEndpoints.RateLimitPolicy)
          .ProducesProblem(StatusCodes.Status429TooManyRequests)
          .WithParameter("lat", "Latitude of the point, −90 to 90 degrees (WGS 84).", 23.1291)
          .WithParameter("lon", "Longitude of the point, −180 to 180 degrees (WGS 84).", 113.2644)
          .WithParameter("radiusKm", $"{MinimumRadiusKm} to {MaximumRadiusKm} km; {DefaultRadiusKm} when left out.", DefaultRadiusKm)
          .WithParameter("limit", $"At most this many listings, 1 to {NearbySearch.MaximumLimit}; {DefaultLimit} when left out.", DefaultLimit)
          .WithSummary("The active listings whose subject's usual residence (as the court recorded it) lies within the radius of the point, nearest first, with the distance in whole kilometres, both measured from the residence's cell of a grid of about 1 km (0.01°); the same fields and masking as the public search, and never the residence itself.");
        return app;
    }
}
