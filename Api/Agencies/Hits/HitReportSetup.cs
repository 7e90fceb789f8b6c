using Credit.ReadModels.Hits;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Hits;

/// <summary>Hit reports (命中反馈): agencies report interceptions, the answerable court reads and counts them.</summary>
public static class HitReportSetup
{
    public static IServiceCollection AddHitReports(this IServiceCollection services)
    {
        services.AddSingleton<InterceptionHits>();
        services.AddSingleton<ResponsibleHolds>();
        return services;
    }

    public static IEndpointRouteBuilder MapHitReports(this IEndpointRouteBuilder app)
    {
        app.MapAgencyHits();
        app.MapCourtHits();
        return app;
    }
}
