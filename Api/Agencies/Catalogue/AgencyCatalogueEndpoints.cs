using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>A category of the catalogue with its measures.</summary>
public sealed record CatalogueCategory(string Code, string TitleZh, string TitleEn, IReadOnlyList<Measure> Measures);

public static class AgencyCatalogueEndpoints
{
    /// <summary>The catalogue and the registry, read-only and public: which agency enforces which measure
    /// is no secret, and the registry carries no credentials.</summary>
    public static RouteGroupBuilder MapAgencyCatalogue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1")
            .WithTags("Measures and agencies 惩戒措施与联合惩戒单位")
            .AllowAnonymous();

        group.MapGet("/measures", Ok<CatalogueCategory[]> (AgencyCatalogueSource source) =>
        {
            var catalogue = source.Current;
            return TypedResults.Ok(catalogue.Categories
                .Select(c => new CatalogueCategory(c.Code, c.TitleZh, c.TitleEn, catalogue.MeasuresIn(c)))
                .ToArray());
        }).WithName("ListMeasures")
          .WithSummary("The measure catalogue: each category with its measures, their legal basis and the subject state that triggers them.");

        group.MapGet("/agencies", Ok<IReadOnlyList<Agency>> (AgencyCatalogueSource source) => TypedResults.Ok(source.Current.AgencyList))
            .WithName("ListAgencies")
            .WithSummary("The agency registry: each joint-punishment agency with the measures it enforces and the fields it may receive.");

        return group;
    }
}
