using Credit.Api.Configuration;
using Credit.Api.OpenApi;
using Credit.Api.Partners.Catalogue;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace Credit.Api.Partners.Access;

public static class PartnerAccess
{
    public static IServiceCollection AddPartnerAccess(this IServiceCollection services)
    {
        services.AddSingleton<PartnerKeys>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, PartnerAuthentication>(PartnerAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PartnerAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(PartnerAuthentication.SchemeName)
            .RequireClaim(PartnerAuthentication.PartnerClaim));
        return services;
    }

    /// <summary>Partner routes under <c>/api/v1/partners/{partner}</c>: a key opens only its own partner's, and only the ways
    /// of delivery the partner file allows it (<paramref name="delivery"/>; null for routes that serve every way).</summary>
    public static RouteGroupBuilder MapPartnerGroup(this IEndpointRouteBuilder app, string prefix, PartnerDelivery? delivery) =>
        app.MapGroup($"/api/v1/partners/{{partner}}{prefix}")
            .WithParameter("partner", "The partner's code in the partner file; a key opens only its own partner.", "news-app")
            .WithTags("Exposure partners 曝光合作方")
            .RequireAuthorization(PartnerAuthentication.Policy)
            .AddEndpointFilter((context, next) => OwnPartnerOnly(context, next, delivery))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>The calling partner, once <see cref="MapPartnerGroup"/>'s filter let the request through.</summary>
    public static PartnerDefinition Partner(this HttpContext http) =>
        http.RequestServices.GetRequiredService<WatchedFile<PartnerCatalogue>>().Current.Partners[(string)http.Request.RouteValues["partner"]!];

    private static async ValueTask<object?> OwnPartnerOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next, PartnerDelivery? delivery)
    {
        var http = context.HttpContext;
        var code = http.Request.RouteValues["partner"] as string ?? "";
        var catalogue = http.RequestServices.GetRequiredService<WatchedFile<PartnerCatalogue>>().Current;
        if (!catalogue.Partners.TryGetValue(code, out var partner))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such partner 无此曝光合作方",
                extensions: new Dictionary<string, object?> { ["field"] = "partner", ["rule"] = "must be a partner of the partner file" });
        }
        var own = http.User.FindFirst(PartnerAuthentication.PartnerClaim)?.Value;
        if (partner.Code != own)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "A partner may use only its own feed 只能访问本单位的数据",
                detail: $"This key belongs to '{own}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "partner", ["rule"] = "must be the API key's partner" });
        }
        if (delivery is { } way && !partner.Delivery.Contains(way))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The partner file does not give this partner this way of delivery 未开通此接收方式",
                detail: $"'{code}' may receive its feed by {string.Join(", ", partner.Delivery.Order())}.",
                extensions: new Dictionary<string, object?> { ["field"] = "partner", ["rule"] = $"must be allowed delivery by {way} in the partner file" });
        }
        return await next(context);
    }
}
