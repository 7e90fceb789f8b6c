using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>The demo screen operator key that the embedded default documents in README.md, seeded with the courts' demo keys.</summary>
public static class DemoScreenOperatorKeys
{
    public static readonly IReadOnlyList<(string Operator, string Key, string Label)> All =
    [
        ("guangzhou-metro", "demo-guangzhou-metro", "demo system, 广州地铁车载及站台电视"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource database)
    {
        foreach (var (code, key, label) in All)
            await ScreenOperatorKeys.AddAsync(database, code, key, label);
    }
}
