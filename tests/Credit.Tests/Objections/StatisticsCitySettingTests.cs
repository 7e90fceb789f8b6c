using System.Globalization;
using System.Net;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>The public's city totals count the city the setting names (Credit:Statistics:City), not a city fixed in code.</summary>
public sealed class StatisticsCitySettingTests(TestPostgres postgres)
{
    [Fact]
    public async Task Public_totals_count_the_configured_city_and_not_another()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var platform = await RunningPlatform.StartAsync(connectionString, true, "--Credit:Statistics:City", "粤02");
        Assert.Equal(HttpStatusCode.Created,
            (await platform.Client(PlatformFixture.Liwan).PostAsync($"{Person(Identities.AdultResidentId())}/listings", PersonListing(CaseNumber()))).StatusCode);
        var month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var city = await (await platform.Client().GetAsync($"/api/v1/public/statistics/city?from={month}&to={month}")).JsonAsync();

        Assert.Equal("粤02", city.GetProperty("region").GetString());
        // Liwan (粤0103) lies in 粤01: nothing of it counts for 粤02.
        Assert.Equal(0, city.GetProperty("listings").GetInt64());
    }
}
