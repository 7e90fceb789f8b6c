using System.Net;
using Credit.Grains.Interfaces.Partners;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Partners;

/// <summary>The public nearby search: exactly the listings in force whose recorded residence lies inside the circle, nearest
/// first, masked as the public search masks them, and never the residence itself.</summary>
[Collection(PartnerCollection.Name)]
public sealed class NearbyTests(PartnerFixture fixture)
{
    /// <summary>The point <paramref name="km"/> north of (<paramref name="latitude"/>, <paramref name="longitude"/>) along its meridian.</summary>
    private static (double Latitude, double Longitude) North(double latitude, double longitude, double km) =>
        (latitude + km / (GreatCircle.EarthRadiusKm * Math.PI / 180), longitude);

    [Fact]
    public async Task Nearby_returns_exactly_the_listings_inside_the_circle_nearest_first()
    {
        // A centre of its own, far from every other test's points.
        var (lat, lon) = (-40 + Random.Shared.NextDouble() * 20, -170 + Random.Shared.NextDouble() * 20);
        var listed = new Dictionary<double, Guid>();
        foreach (var km in new[] { 19.9, 0.0, 5.0, 20.1, 35.0 })
        {
            var (id, listing) = await fixture.ListAsync("440105", $"近{km}");
            var (pLat, pLon) = North(lat, lon, km);
            await fixture.RecordResidenceAsync(id, pLat, pLon, "440105", null);
            listed[km] = listing;
        }
        // A removed listing inside the circle is not published.
        var (gone, goneListing) = await fixture.ListAsync("440105", "已删");
        var (gLat, gLon) = North(lat, lon, 1);
        await fixture.RecordResidenceAsync(gone, gLat, gLon, "440105", null);
        await fixture.RemoveAsync(gone, goneListing);

        var response = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([listed[0.0], listed[5.0], listed[19.9]], items.Select(i => i.GetProperty("listing").GetProperty("listingId").GetGuid()).ToList());
        Assert.Equal([0, 5, 20], items.Select(i => i.GetProperty("distanceKm").GetInt32()).ToList());
        Assert.All(items, i => Assert.Contains("****", i.GetProperty("listing").GetProperty("maskedId").GetString()));
        Assert.DoesNotContain("latitude", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var smaller = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}&radiusKm=4.9"));
        Assert.Equal([listed[0.0]], (await smaller.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("listing").GetProperty("listingId").GetGuid()).ToList());
        var wider = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}&radiusKm=36"));
        Assert.Equal(5, (await wider.JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Nearby_names_each_bad_parameter()
    {
        var response = await fixture.Platform.Client().GetAsync("/api/v1/public/nearby?lat=91&radiusKm=500");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "lat");
        Assert.True(problem.GetProperty("errors").TryGetProperty("lon", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("radiusKm", out _));
    }

    [Fact]
    public async Task What_a_court_recorded_for_the_partners_is_deleted_with_the_last_listing()
    {
        var (id, listing) = await fixture.ListAsync("440105", "孔十");
        await fixture.RecordResidenceAsync(id, 23.1, 113.2);
        await fixture.RecordPhonesAsync(id, "13700137000");
        await fixture.RemoveAsync(id, listing);
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM subject_partner_records WHERE subject_key = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = $"p:{id}" });
            if ((long)(await command.ExecuteScalarAsync())! == 0)
                break;
            Assert.True(DateTime.UtcNow < deadline, "the residence and phones outlived the last listing");
            await Task.Delay(100);
        }
    }
}
