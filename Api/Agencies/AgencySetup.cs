using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Agencies.Checks;
using Credit.Api.Agencies.Feeds;
using Credit.Api.Agencies.Hits;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies;

public static class AgencySetup
{
    public static IServiceCollection AddAgencies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgencyAccess();
        services.AddSingleton<InterceptionChanges>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<InterceptionSnapshots>();
        services.AddSingleton<InterceptionIndex>();
        services.AddSingleton<Checker>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, CheckJson.Default));
        services.AddHostedService<InterceptionFollower>();
        services.AddHealthChecks().AddCheck<InterceptionIndexHealth>("interception-index", tags: ["ready"]);
        services.AddHitReports();
        return services;
    }

    public static IEndpointRouteBuilder MapAgencies(this IEndpointRouteBuilder app)
    {
        app.MapAgencyFeeds();
        app.MapAgencyChecks();
        app.MapHitReports();
        return app;
    }
}
