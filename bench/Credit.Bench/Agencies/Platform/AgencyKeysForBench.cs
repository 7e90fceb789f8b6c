using Credit.Api.Agencies.Catalogue;
using Credit.ReadModels.ApiKeys;
using Npgsql;

namespace Credit.Bench.Agencies.Platform;

/// <summary>The API keys the bench sends: the documented demo keys (seeded by the platform with
/// <c>SeedDemoKeys=true</c>) for the demo agencies (for street-offices, its Liwan unit) and the Liwan court, and a bench
/// key for every other agency of the catalogue, which the bench adds itself.</summary>
public static class AgencyKeysForBench
{
    public const string Railway = "demo-railway";
    public const string Court = "demo-liwan-district-court";
    public const string CourtCode = "粤0103";

    public static string For(string agency) =>
        DemoAgencyKeys.All.FirstOrDefault(k => k.Agency == agency).Key ?? $"bench-{agency}";

    public static async Task AddAsync(NpgsqlDataSource database, AgencyCatalogue catalogue, CancellationToken cancellationToken)
    {
        foreach (var agency in catalogue.AgencyList.Where(a => DemoAgencyKeys.All.All(k => k.Agency != a.Code)))
            await AgencyKeys.AddAsync(database, agency.Code, For(agency.Code), "agency bench", cancellationToken, agency.Units.FirstOrDefault()?.Code);
    }
}
