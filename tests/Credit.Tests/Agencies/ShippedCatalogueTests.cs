using System.Text.RegularExpressions;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.Tests.Agencies;

/// <summary>The catalogue and registry that ship with the platform: Guangzhou's 13 categories and 41 measures
/// across 44 agencies (DOMAIN 5.2–5.4).</summary>
public sealed class ShippedCatalogueTests
{
    private readonly AgencyCatalogue catalogue = CatalogueFiles.Shipped();

    [Fact]
    public void Guangzhou_has_13_categories_41_measures_and_44_agencies()
    {
        Assert.Equal(13, catalogue.Categories.Count);
        Assert.Equal(41, catalogue.Measures.Count);
        Assert.Equal(44, catalogue.Agencies.Count);
        Assert.All(catalogue.Categories, c => Assert.NotEmpty(catalogue.MeasuresIn(c)));
    }

    [Fact]
    public void Each_of_the_nine_consumption_items_of_Art_3_is_a_measure_that_follows_the_restriction()
    {
        string[] items = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

        var consumption = catalogue.Measures.Values.Where(m => m.Trigger == MeasureTrigger.ConsumptionRestriction).ToList();

        Assert.Equal(9, consumption.Count);
        Assert.All(consumption, m => Assert.Equal("consumption", m.Category));
        Assert.All(items, item => Assert.Single(consumption, m =>
            m.LegalBasis.Contains("限制被执行人高消费及有关消费的若干规定") && m.LegalBasis.Contains($"第三条第{item}项")));
    }

    [Fact]
    public void Exit_control_follows_the_exit_ban_and_border_inspection_enforces_it()
    {
        var exitBan = catalogue.Measures["X01"];
        var borderInspection = catalogue.Agencies["border-inspection"];

        Assert.Equal(MeasureTrigger.ExitBan, exitBan.Trigger);
        Assert.Equal("exit", exitBan.Category);
        Assert.Contains("民事诉讼法》第二百六十六条", exitBan.LegalBasis);
        Assert.Equal(["X01"], borderInspection.Measures);
        Assert.Equal(InterceptionTriggers.ExitBan, catalogue.TriggersOf(borderInspection));
    }

    [Fact]
    public void Joint_punishment_measures_follow_the_dishonest_listing()
    {
        var joint = catalogue.Measures.Values.Where(m => m.Category is not ("consumption" or "exit")).ToList();

        Assert.Equal(29, joint.Count);
        Assert.All(joint, m => Assert.Equal(MeasureTrigger.DishonestListing, m.Trigger));
        Assert.All(joint, m => Assert.Matches("64号|141号|第七条|第八条|第三百一十三条|125号|285号", m.LegalBasis));
    }

    [Fact]
    public void Railway_and_civil_aviation_receive_names_but_not_the_amount_owed()
    {
        var railway = catalogue.Agencies["railway"];
        var civilAviation = catalogue.Agencies["civil-aviation"];

        Assert.Equal([AgencyField.Name], railway.Fields);
        Assert.Equal([AgencyField.Name], civilAviation.Fields);
        Assert.Equal(["C01", "C09"], railway.Measures);
        Assert.Equal(["C01"], civilAviation.Measures);
        Assert.Equal(InterceptionTriggers.ConsumptionRestriction, catalogue.TriggersOf(railway));
    }

    [Fact]
    public void Agencies_that_only_block_a_purchase_receive_no_amount_owed()
    {
        var consumptionOnly = catalogue.AgencyList.Where(a => catalogue.TriggersOf(a) == InterceptionTriggers.ConsumptionRestriction).ToList();

        Assert.NotEmpty(consumptionOnly);
        Assert.All(consumptionOnly, a => Assert.DoesNotContain(AgencyField.AmountOwed, a.Fields));
    }

    [Fact]
    public void Border_inspection_and_planning_land_receive_what_they_act_on()
    {
        Assert.Equal([AgencyField.Name, AgencyField.SexAndBirthDate, AgencyField.CourtAndCase, AgencyField.Period], catalogue.Agencies["border-inspection"].Fields);
        var planning = catalogue.Agencies["planning-land"];
        Assert.Contains(AgencyField.CourtAndCase, planning.Fields);
        Assert.Contains("L01", planning.Measures);
        Assert.Equal(InterceptionTriggers.DishonestListing, catalogue.TriggersOf(planning));
    }

    [Fact]
    public void Every_agency_code_can_stand_in_a_url_as_it_is()
    {
        Assert.All(catalogue.Agencies.Keys, code =>
        {
            Assert.Matches(new Regex("^[a-z0-9]+(-[a-z0-9]+)*$"), code);
            Assert.Equal(code, Uri.EscapeDataString(code));
        });
    }

    [Fact]
    public void Every_title_and_name_is_given_in_Chinese_and_English()
    {
        Assert.All(catalogue.Measures.Values, m => Assert.False(string.IsNullOrWhiteSpace(m.TitleZh) || string.IsNullOrWhiteSpace(m.TitleEn) || string.IsNullOrWhiteSpace(m.LegalBasis), m.Code));
        Assert.All(catalogue.AgencyList, a => Assert.False(string.IsNullOrWhiteSpace(a.NameZh) || string.IsNullOrWhiteSpace(a.NameEn), a.Code));
    }
}
