using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>The demo exposure partner keys that the embedded default documents in README.md, seeded with the courts' demo keys.</summary>
public static class DemoPartnerKeys
{
    public static readonly IReadOnlyList<(string Operator, string Key, string Label)> All =
    [
        ("news-app", "demo-news-app", "demo system, 新闻客户端"),
        ("telecom-ringback", "demo-telecom-ringback", "demo system, 电信运营商彩铃"),
    ];

    public static async Task SeedAsync(NpgsqlDataSource database)
    {
        foreach (var (code, key, label) in All)
            await PartnerKeys.AddAsync(database, code, key, label);
    }
}
