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
    /// <summary>Kilometres in one degree of latitude, on earthdistance's sphere.</summary>
    private static readonly double KmPerDegree = GreatCircle.EarthRadiusKm * Math.PI / 180;

    [Fact]
    public async Task Nearby_returns_exactly_the_listings_inside_the_circle_nearest_first()
    {
        // A centre of its own in Guangdong (the residences' district is there), far from every other test's points, on the
        // 0.01° grid the search measures from: each point below is where its residence's cell lies, so the distances are exact.
        var (lat, lon) = (Math.Round(24.5 + Random.Shared.NextDouble() * 0.6, 2), Math.Round(114.5 + Random.Shared.NextDouble() * 2, 2));
        var listed = new Dictionary<double, Guid>();
        // Degrees north of the centre: 0, 5.6, 18.9, 21.2 and 34.5 km.
        foreach (var degrees in new[] { 0.17, 0.0, 0.05, 0.19, 0.31 })
        {
            var (id, listing) = await fixture.ListAsync("440105", $"近{degrees}");
            await fixture.RecordResidenceAsync(id, Math.Round(lat + degrees, 2), lon, "440105", null);
            listed[degrees] = listing;
        }
        // A removed listing inside the circle is not published.
        var (gone, goneListing) = await fixture.ListAsync("440105", "已删");
        await fixture.RecordResidenceAsync(gone, Math.Round(lat + 0.01, 2), lon, "440105", null);
        await fixture.RemoveAsync(gone, goneListing);

        var response = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([listed[0.0], listed[0.05], listed[0.17]], items.Select(i => i.GetProperty("listing").GetProperty("listingId").GetGuid()).ToList());
        Assert.Equal([0, 6, 19], items.Select(i => i.GetProperty("distanceKm").GetInt32()).ToList());
        Assert.All(items, i => Assert.Contains("****", i.GetProperty("listing").GetProperty("maskedId").GetString()));
        Assert.DoesNotContain("latitude", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var smaller = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}&radiusKm=5.5"));
        Assert.Equal([listed[0.0]], (await smaller.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("listing").GetProperty("listingId").GetGuid()).ToList());
        var wider = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={lat}&lon={lon}&radiusKm=36"));
        Assert.Equal(5, (await wider.JsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Nearby_measures_from_the_residences_grid_cell_so_probing_cannot_locate_the_home()
    {
        // The residence lies 0.45 km north of its cell's centre (the 0.01° grid).
        var (cell, lon) = (Math.Round(21 + Random.Shared.NextDouble(), 2), Math.Round(110 + Random.Shared.NextDouble(), 2));
        var (id, listing) = await fixture.ListAsync("440105", "刘定位");
        await fixture.RecordResidenceAsync(id, cell + 0.004, lon, "440105", null);

        // 4.9 km north of the recorded point, 5.35 km north of the cell's centre: outside a 5 km circle, inside one of 5.5 km.
        var probe = cell + 0.004 + 4.9 / KmPerDegree;
        Assert.DoesNotContain(listing, await FoundAsync(5));
        Assert.Equal(5, (await FoundAsync(5.5))[listing]);
        // A circle smaller than a neighbourhood is refused: the search is for "who near here", not "who lives at this door".
        var tiny = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={probe}&lon={lon}&radiusKm=0.1"));
        await ProblemAssert.IsProblem(tiny, HttpStatusCode.BadRequest, "radiusKm");

        async Task<Dictionary<Guid, int>> FoundAsync(double radiusKm)
        {
            var response = await fixture.Platform.Client().GetAsync(FormattableString.Invariant($"/api/v1/public/nearby?lat={probe}&lon={lon}&radiusKm={radiusKm}"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.JsonAsync()).GetProperty("items").EnumerateArray()
                .ToDictionary(i => i.GetProperty("listing").GetProperty("listingId").GetGuid(), i => i.GetProperty("distanceKm").GetInt32());
        }
    }

    [Fact]
    public async Task Nearby_names_each_bad_parameter()
    {
        var response = await fixture.Platform.Client().GetAsync("/api/v1/public/nearby?lat=91&radiusKm=500");
        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "lat");
        Assert.True(problem.GetProperty("errors").TryGetProperty("lon", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("radiusKm", out _));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("23,1")]
    [InlineData("abc")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e309")]
    public async Task A_coordinate_that_is_not_a_number_is_refused_as_such_not_as_missing(string value)
    {
        var response = await fixture.Platform.Client().GetAsync($"/api/v1/public/nearby?lat={Uri.EscapeDataString(value)}&lon={Uri.EscapeDataString(value)}");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "lat");
        foreach (var field in new[] { "lat", "lon" })
        {
            var rule = problem.GetProperty("errors").GetProperty(field)[0].GetString();
            Assert.Contains("is not a number", rule, StringComparison.Ordinal);
            Assert.DoesNotContain("required", rule, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_coordinate_is_required_and_one_out_of_range_is_refused_naming_the_range()
    {
        var response = await fixture.Platform.Client().GetAsync("/api/v1/public/nearby?lat=91");

        var errors = (await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "lat")).GetProperty("errors");
        Assert.StartsWith("must be −90 to 90", errors.GetProperty("lat")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("is required", errors.GetProperty("lon")[0].GetString(), StringComparison.Ordinal);
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
