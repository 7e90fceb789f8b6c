using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>The demo keys that the embedded default documents in README.md. Never seeded when a
/// real connection string is configured, unless asked for.</summary>
public static class DemoCourtKeys
{
    public static readonly IReadOnlyList<(string Court, string Key, string Label)> All =
    [
        ("粤01", "demo-guangzhou-intermediate-court", "demo clerk, 广州市中级人民法院"),
        ("粤0103", "demo-liwan-district-court", "demo clerk, 广州市荔湾区人民法院"),
        ("粤0104", "demo-yuexiu-district-court", "demo clerk, 广州市越秀区人民法院"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource database)
    {
        foreach (var (court, key, label) in All)
            await CourtKeys.AddAsync(database, court, key, label);
    }
}
