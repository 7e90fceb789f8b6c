using Credit.Api.Configuration;
using Credit.Api.Partners.Catalogue;
using Credit.Grains.Interfaces.Partners;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>The partner file's rules, and the shipped file.</summary>
public sealed class PartnerFileTests
{
    [Fact]
    public void A_file_breaking_rules_is_refused_whole_naming_each_entry_and_rule()
    {
        var error = Assert.Throws<WatchedFileException>(() => PartnerFile.Parse("""
            { "partners": [
              { "code": "Bad Code", "nameZh": "", "kind": "Radio", "fields": ["Name", "FullId"], "delivery": [] },
              { "code": "ok", "nameZh": "好", "kind": "App", "fields": [], "delivery": ["Pull"],
                "filter": { "regions": ["4"], "geofence": { "latitude": 23, "longitude": 200, "radiusKm": 0 } } },
              { "code": "ok", "nameZh": "重复", "kind": "App", "delivery": ["Webhook"] }
            ] }
            """, "partners.json"));
        var problems = string.Join("\n", error.Problems);
        foreach (var expected in new[]
                 {
                     "partners[0] (Bad Code).code", "partners[0] (Bad Code).nameZh", "partners[0] (Bad Code).kind", "'FullId'", "partners[0] (Bad Code).delivery",
                     "partners[1] (ok).filter.regions", "partners[1] (ok).filter.geofence.longitude", "partners[1] (ok).filter.geofence.radiusKm",
                     "partners[2] (ok).code: 'ok' is given twice",
                 })
            Assert.Contains(expected, problems);
    }

    [Fact]
    public void The_shipped_file_gives_the_telecom_operator_phone_numbers_and_nothing_about_the_debt()
    {
        var catalogue = PartnerFile.Parse(File.ReadAllText(Path.Combine(SourceTree.Root, "Api", "Partners", "Catalogue", "partners.json")), "partners.json");
        var telecom = catalogue.List.Single(p => p.Kind == PartnerKind.Telecom);
        Assert.Equal([PartnerField.Phones], telecom.Fields);
        Assert.All(catalogue.List.Where(p => p.Kind != PartnerKind.Telecom), p => Assert.DoesNotContain(PartnerField.Phones, p.Fields));
    }

    [Fact]
    public void A_geofence_holds_exactly_the_points_within_its_radius()
    {
        var fence = new Geofence(23.1291, 113.2644, 20);
        var degreesPerKm = 1 / (GreatCircle.EarthRadiusKm * Math.PI / 180);
        Assert.True(fence.Contains(23.1291 + 19.99 * degreesPerKm, 113.2644));
        Assert.False(fence.Contains(23.1291 + 20.01 * degreesPerKm, 113.2644));
        var listing = new PartnerListing(Guid.NewGuid(), "p:x", false, "张三", "4401031980****1231", "440103", "粤0103", "荔湾法院", "(2026)粤0103执1号",
            5000, new DateOnly(2026, 1, 1), null, null, []);
        var filter = new PartnerFilter([], fence, 0, false);
        Assert.False(filter.Admits(listing));
        Assert.True(filter.Admits(listing with { Residence = new Residence("440103", null, 23.13, 113.26) }));
        // A recorded residence places the subject, before the region its ID was issued in.
        Assert.True(new PartnerFilter(["4402"], null, 0, false).Admits(listing with { Residence = new Residence("440203", null, 23.13, 113.26) }));
        Assert.False(new PartnerFilter(["4402"], null, 0, false).Admits(listing));
    }
}
