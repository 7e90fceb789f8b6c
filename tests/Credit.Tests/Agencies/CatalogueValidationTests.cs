using System.Text.Json.Nodes;
using Credit.Api.Agencies.Catalogue;

namespace Credit.Tests.Agencies;

/// <summary>A broken catalogue file is refused whole, each problem naming the entry and the rule.</summary>
public sealed class CatalogueValidationTests
{
    [Fact]
    public void A_repeated_agency_code_is_refused()
    {
        var refusal = Refusal(file => file.Agency("civil-aviation")["code"] = "railway");

        Assert.Contains("agency 'railway': code is used twice", refusal.Problems);
    }

    [Fact]
    public void A_repeated_measure_code_is_refused()
    {
        var refusal = Refusal(file => file.Measure("C02")["code"] = "C01");

        Assert.Contains("measure 'C01': code is used twice", refusal.Problems);
    }

    [Fact]
    public void A_repeated_category_code_is_refused()
    {
        var refusal = Refusal(file => file.Entries("categories").Add(new JsonObject { ["code"] = "transactions", ["titleZh"] = "重复", ["titleEn"] = "Again" }));

        Assert.Contains("category 'transactions': code is used twice", refusal.Problems);
    }

    [Fact]
    public void A_measure_in_an_unknown_category_is_refused()
    {
        var refusal = Refusal(file => file.Measure("C01")["category"] = "travel");

        Assert.Contains("measure 'C01': category 'travel' is not among the categories", refusal.Problems);
    }

    [Fact]
    public void An_agency_enforcing_an_unknown_measure_is_refused()
    {
        var refusal = Refusal(file => file.Agency("railway")["measures"]!.AsArray().Add("Z99"));

        Assert.Contains("agency 'railway': measure 'Z99' is not in the catalogue", refusal.Problems);
    }

    [Fact]
    public void An_agency_enforcing_nothing_is_refused()
    {
        var refusal = Refusal(file => file.Agency("railway")["measures"] = new JsonArray());

        Assert.Contains("agency 'railway': enforces no measure", refusal.Problems);
    }

    [Fact]
    public void A_measure_listed_twice_by_one_agency_is_refused()
    {
        var refusal = Refusal(file => file.Agency("railway")["measures"]!.AsArray().Add("C01"));

        Assert.Contains("agency 'railway': measure 'C01' is listed twice", refusal.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Empty_titles_and_names_are_refused(string? empty)
    {
        var refusal = Refusal(file =>
        {
            file.Category("criminal")["titleZh"] = empty;
            file.Measure("X01")["titleEn"] = empty;
            file.Measure("C03")["legalBasis"] = empty;
            file.Agency("railway")["nameZh"] = empty;
        });

        Assert.Contains("category 'criminal': titleZh is empty", refusal.Problems);
        Assert.Contains("measure 'X01': titleEn is empty", refusal.Problems);
        Assert.Contains("measure 'C03': legalBasis is empty", refusal.Problems);
        Assert.Contains("agency 'railway': nameZh is empty", refusal.Problems);
    }

    [Theory]
    [InlineData("Railway")]
    [InlineData("railway_bureau")]
    [InlineData("railway--bureau")]
    [InlineData("-railway")]
    [InlineData("railway bureau")]
    [InlineData("铁路")]
    [InlineData("railway/../courts")]
    public void An_agency_code_that_cannot_stand_in_a_url_is_refused(string code)
    {
        var refusal = Refusal(file => file.Agency("railway")["code"] = code);

        Assert.Contains($"agency '{code}': code must be lower-case ASCII words joined by hyphens", Assert.Single(refusal.Problems));
    }

    [Fact]
    public void An_agency_code_longer_than_a_url_segment_should_be_is_refused()
    {
        var code = string.Join("-", Enumerable.Repeat("railway", 9));

        var refusal = Refusal(file => file.Agency("railway")["code"] = code);

        Assert.Contains("at most 64 characters", Assert.Single(refusal.Problems));
    }

    [Fact]
    public void A_missing_code_is_reported_by_position()
    {
        var refusal = Refusal(file => file.Agency("border-inspection").Remove("code"));

        Assert.Contains("agency #1: code is missing", refusal.Problems);
    }

    [Fact]
    public void A_measure_enforced_by_no_agency_is_refused()
    {
        var refusal = Refusal(file => file.Agency("justice")["measures"] = new JsonArray("H01"));

        Assert.Equal(["measure 'H02': is enforced by no agency"], refusal.Problems);
    }

    [Fact]
    public void A_category_without_measures_is_refused()
    {
        var refusal = Refusal(file => file.Entries("categories").Add(new JsonObject { ["code"] = "rewards", ["titleZh"] = "奖励", ["titleEn"] = "Rewards" }));

        Assert.Equal(["category 'rewards': has no measure"], refusal.Problems);
    }

    [Theory]
    [InlineData("Sometimes")]
    [InlineData("exitBan")]
    [InlineData("1")]
    public void An_unknown_trigger_is_refused(string trigger)
    {
        var refusal = Refusal(file => file.Measure("X01")["trigger"] = trigger);

        Assert.Equal([$"measure 'X01': trigger '{trigger}' is not one of DishonestListing, ConsumptionRestriction, ExitBan, Any"], refusal.Problems);
    }

    [Fact]
    public void An_unknown_or_repeated_field_is_refused()
    {
        var refusal = Refusal(file =>
        {
            file.Agency("railway")["fields"] = new JsonArray("Name", "Debt");
            file.Agency("civil-aviation")["fields"] = new JsonArray("Name", "Name");
        });

        Assert.Contains("agency 'railway': field 'Debt' is not one of Name, SexAndBirthDate, CourtAndCase, Period, AmountOwed, LegalRepresentative", refusal.Problems);
        Assert.Contains("agency 'civil-aviation': field 'Name' is listed twice", refusal.Problems);
    }

    [Fact]
    public void An_agency_without_a_fields_list_is_refused_but_an_empty_list_is_allowed()
    {
        var refusal = Refusal(file => file.Agency("railway").Remove("fields"));
        var file = CatalogueFiles.ShippedJson();
        file.Agency("railway")["fields"] = new JsonArray();

        Assert.StartsWith("agency 'railway': fields is missing", Assert.Single(refusal.Problems));
        Assert.Empty(AgencyCatalogueFile.Parse(file.ToJsonString(), "test.json").Agencies["railway"].Fields);
    }

    [Fact]
    public void A_misspelt_property_is_refused_rather_than_ignored()
    {
        var refusal = Refusal(file =>
        {
            var railway = file.Agency("railway");
            railway["measure"] = railway["measures"]!.DeepClone();
        });

        Assert.Contains("'measure'", Assert.Single(refusal.Problems));
    }

    [Theory]
    [InlineData("4401033")]
    [InlineData("44010")]
    [InlineData("4")]
    [InlineData("990103")]
    [InlineData("粤0103")]
    [InlineData("44o103")]
    [InlineData("")]
    public void A_unit_region_that_is_not_a_region_code_is_refused(string region)
    {
        var refusal = Refusal(file => Unit(file, "liwan")["regions"] = new JsonArray("440103", region));

        Assert.Equal(
            [$"agency 'street-offices', unit 'liwan': region '{region}' is not a region code of 2, 4 or 6 digits under a known province (GB/T 2260), e.g. 440103"],
            refusal.Problems);
    }

    [Fact]
    public void A_unit_without_regions_is_refused_since_it_would_serve_no_area()
    {
        var refusal = Refusal(file =>
        {
            Unit(file, "liwan")["regions"] = new JsonArray();
            Unit(file, "haizhu").Remove("regions");
        });

        Assert.Contains("agency 'street-offices', unit 'liwan': has no regions (a unit receives only the subjects of its area)", refusal.Problems);
        Assert.Contains("agency 'street-offices', unit 'haizhu': has no regions (a unit receives only the subjects of its area)", refusal.Problems);
    }

    [Fact]
    public void A_repeated_unit_or_region_and_an_empty_units_list_are_refused()
    {
        var refusal = Refusal(file =>
        {
            Unit(file, "haizhu")["code"] = "liwan";
            Unit(file, "tianhe")["regions"] = new JsonArray("440106", "440106");
            file.Agency("railway")["units"] = new JsonArray();
        });

        Assert.Contains("agency 'street-offices', unit 'liwan': code is used twice", refusal.Problems);
        Assert.Contains("agency 'street-offices', unit 'tianhe': region '440106' is listed twice", refusal.Problems);
        Assert.Contains("agency 'railway': units is empty (leave it out for an agency that serves its whole registry area)", refusal.Problems);
    }

    [Fact]
    public void Units_are_read_with_their_regions_and_an_agency_without_units_has_none()
    {
        var catalogue = AgencyCatalogueFile.Parse(CatalogueFiles.ShippedJson().ToJsonString(), "test.json");

        var liwan = catalogue.Agencies["street-offices"].Units.Single(u => u.Code == "liwan");
        Assert.Equal(["440103", "440107"], liwan.Regions);
        Assert.Empty(catalogue.Agencies["railway"].Units);
    }

    [Fact]
    public void A_file_without_entries_is_refused()
    {
        var refusal = Assert.Throws<AgencyCatalogueException>(() => AgencyCatalogueFile.Parse("{}", "empty.json"));

        Assert.Equal(["categories: the file has none", "measures: the file has none", "agencies: the file has none"], refusal.Problems);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_naming_the_file()
    {
        var refusal = Assert.Throws<AgencyCatalogueException>(() => AgencyCatalogueFile.Parse("{ \"categories\": [", "/etc/credit/catalogue.json"));

        Assert.StartsWith("The agency catalogue /etc/credit/catalogue.json is invalid:", refusal.Message);
        Assert.StartsWith("not a catalogue in JSON", Assert.Single(refusal.Problems));
    }

    [Fact]
    public void A_missing_file_is_refused_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-catalogue-{Guid.NewGuid():N}.json");

        var refusal = Assert.Throws<AgencyCatalogueException>(() => new AgencyCatalogueSource(path));

        Assert.Contains(path, refusal.Message);
        Assert.StartsWith("the file cannot be read", Assert.Single(refusal.Problems));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once()
    {
        var refusal = Refusal(file =>
        {
            file.Agency("railway")["code"] = "Railway";
            file.Measure("C01")["titleZh"] = "";
        });

        Assert.Equal(2, refusal.Problems.Count);
        Assert.Contains("agency 'Railway'", refusal.Message);
        Assert.Contains("measure 'C01': titleZh is empty", refusal.Message);
    }

    [Fact]
    public void Comments_and_trailing_commas_of_a_hand_edited_file_are_accepted()
    {
        var text = File.ReadAllText(CatalogueFiles.ShippedPath).Replace("\"categories\": [", "// 13 categories\n  \"categories\": [");
        text = text.Insert(text.LastIndexOf(']'), ",");

        Assert.Equal(44, AgencyCatalogueFile.Parse(text, "hand-edited.json").Agencies.Count);
    }

    private static JsonObject Unit(JsonObject file, string code) =>
        file.Agency("street-offices")["units"]!.AsArray().Select(u => u!.AsObject()).Single(u => (string?)u["code"] == code);

    private static AgencyCatalogueException Refusal(Action<JsonObject> edit)
    {
        var file = CatalogueFiles.ShippedJson();
        edit(file);
        return Assert.Throws<AgencyCatalogueException>(() => AgencyCatalogueFile.Parse(file.ToJsonString(), "test.json"));
    }
}
