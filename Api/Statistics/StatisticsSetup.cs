using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Statistics;

namespace Credit.Api.Statistics;

public static class StatisticsSetup
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<StatisticsOptions>()
            .BindConfiguration(StatisticsOptions.Section)
            // A city is an intermediate court's area: the province's character and two digits.
            .Validate(o => CourtCode.TryParse(o.City, null, out var court) && court.Value.Length == 3,
                $"{StatisticsOptions.Section}:City must be an intermediate court's code, a province character and two digits, e.g. 粤01")
            .ValidateOnStart();
        services.AddSingleton<StatisticsQueries>();
        return services;
    }
}
