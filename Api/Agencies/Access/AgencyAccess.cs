using Credit.Api.Agencies.Catalogue;
using Credit.Api.OpenApi;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace Credit.Api.Agencies.Access;

public static class AgencyAccess
{
    public static IServiceCollection AddAgencyAccess(this IServiceCollection services)
    {
        services.AddSingleton<AgencyKeys>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgencyApiKeyAuthentication>(AgencyApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AgencyApiKeyAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(AgencyApiKeyAuthentication.SchemeName)
            .RequireClaim(AgencyApiKeyAuthentication.AgencyCodeClaim));
        return services;
    }

    /// <summary>Agency-authenticated routes under <c>/api/v1/agencies/{agency}</c>: a key opens only its own agency's.</summary>
    public static RouteGroupBuilder MapAgencyGroup(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/v1/agencies/{agency}")
            .WithParameter("agency", "The calling agency's code in the registry (GET /api/v1/agencies); a key opens only its own agency's routes.", "railway")
            .WithTags(tag)
            .RequireAuthorization(AgencyApiKeyAuthentication.Policy)
            .AddEndpointFilter(OwnAgencyOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async ValueTask<object?> OwnAgencyOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var own = http.User.FindFirst(AgencyApiKeyAuthentication.AgencyCodeClaim)?.Value;
        if (!string.Equals(http.Request.RouteValues["agency"] as string, own, StringComparison.Ordinal))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "An agency may read only its own feed 只能访问本单位的数据",
                detail: $"This key belongs to '{own}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "agency", ["rule"] = "must be the agency of the API key" });
        }
        return await next(context);
    }
}
