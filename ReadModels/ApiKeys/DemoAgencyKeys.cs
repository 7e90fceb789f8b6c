using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>The demo agency keys that the embedded default documents in README.md, seeded with the courts' demo keys.</summary>
public static class DemoAgencyKeys
{
    public static readonly IReadOnlyList<(string Agency, string? Unit, string Key, string Label)> All =
    [
        ("border-inspection", null, "demo-border-inspection", "demo system, 出入境边防检查"),
        ("railway", null, "demo-railway", "demo system, 铁路售票"),
        ("planning-land", null, "demo-planning-land", "demo system, 规划和自然资源审批"),
        ("street-offices", "liwan", "demo-liwan-street-offices", "demo system, 荔湾区街道社区公示"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource database)
    {
        foreach (var (agency, unit, key, label) in All)
            await AgencyKeys.AddAsync(database, agency, key, label, unitCode: unit);
    }
}
