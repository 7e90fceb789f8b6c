using Npgsql;

namespace Credit.Api.Agencies.Access;

/// <summary>The demo agency keys that the embedded default documents in README.md, seeded with the courts' demo keys.</summary>
public static class DemoAgencyKeys
{
    public static readonly IReadOnlyList<(string Agency, string Key, string Label)> All =
    [
        ("border-inspection", "demo-border-inspection", "demo system, 出入境边防检查"),
        ("railway", "demo-railway", "demo system, 铁路售票"),
        ("planning-land", "demo-planning-land", "demo system, 规划和自然资源审批"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource database)
    {
        foreach (var (agency, key, label) in All)
            await AgencyKeys.AddAsync(database, agency, key, label);
    }
}
