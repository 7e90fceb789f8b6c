using Credit.Api.Configuration;
using Credit.Api.OpenApi;
using Credit.Api.Screens.Channels;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace Credit.Api.Screens.Access;

public static class ScreenAccess
{
    public static IServiceCollection AddScreenAccess(this IServiceCollection services)
    {
        services.AddSingleton<ScreenOperatorKeys>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ScreenOperatorAuthentication>(ScreenOperatorAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ScreenOperatorAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ScreenOperatorAuthentication.SchemeName)
            .RequireClaim(ScreenOperatorAuthentication.OperatorClaim));
        return services;
    }

    /// <summary>Screen-operator routes under <c>/api/v1/screens/{channel}</c>: a key opens only its own operator's channels.</summary>
    public static RouteGroupBuilder MapScreenGroup(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/v1/screens/{channel}")
            .WithParameter("channel", "The channel's code in the screen channel file (a metro line or station group); a key opens only its operator's channels.", "line-1")
            .WithTags(tag)
            .RequireAuthorization(ScreenOperatorAuthentication.Policy)
            .AddEndpointFilter(OwnChannelOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async ValueTask<object?> OwnChannelOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var code = http.Request.RouteValues["channel"] as string ?? "";
        var channels = http.RequestServices.GetRequiredService<WatchedFile<ScreenChannels>>().Current;
        if (!channels.Channels.TryGetValue(code, out var channel))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such screen channel 无此屏幕频道",
                extensions: new Dictionary<string, object?> { ["field"] = "channel", ["rule"] = "must be a channel of the screen channel file" });
        }
        var own = http.User.FindFirst(ScreenOperatorAuthentication.OperatorClaim)?.Value;
        if (channel.Operator != own)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "An operator may read only its own channels 只能访问本单位的屏幕频道",
                detail: $"This key belongs to '{own}'.",
                extensions: new Dictionary<string, object?> { ["field"] = "channel", ["rule"] = "must be a channel of the API key's operator" });
        }
        return await next(context);
    }
}
