using Credit.ReadModels.BulkJobs;

namespace Credit.Api.Bulk;

public static class BulkJobSetup
{
    public static IServiceCollection AddBulkJobs(this IServiceCollection services)
    {
        services.AddOptions<BulkIntakeOptions>()
            .BindConfiguration(BulkIntakeOptions.Section)
            .Validate(o => o.MaxFileMegabytes is >= 1 and <= 2048, "Credit:Bulk:MaxFileMegabytes must be 1 to 2048")
            .Validate(o => o.MaxRows is >= 1 and <= 10_000_000, "Credit:Bulk:MaxRows must be 1 to 10000000")
            .ValidateOnStart();
        services.AddSingleton<BulkJobWriter>();
        services.AddSingleton<BulkJobQueries>();
        services.AddSingleton<BulkRowChecks>();
        services.AddHostedService<BulkJobResumer>();
        return services;
    }
}
