using System.Text.RegularExpressions;
using Credit.Api.Agencies.Catalogue;
using Credit.ReadModels.Interceptions;

namespace Credit.Tests.Agencies;

/// <summary>The catalogue and registry that ship with the platform: the 11 categories and 37 measure items of the 2016
/// opinion (中办发〔2016〕64号), Guangzhou's 2018 additions to 13 categories and 41 measures, and the 44 agencies that apply
/// them (DOMAIN 2, 5.2–5.4; seeds 穗中法函〔2019〕120号, 荔政法〔2017〕72号).</summary>
public sealed partial class ShippedCatalogueTests
{
    // The opinion's part two: categories (一)–(七) number their items, (八)–(十一) are one item each: 33 + 4 = 37.
    private static readonly (string Category, int Items)[] OpinionItems =
        [("一", 7), ("二", 2), ("三", 8), ("四", 3), ("五", 3), ("六", 4), ("七", 6), ("八", 1), ("九", 1), ("十", 1), ("十一", 1)];

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
    public void The_37_national_measures_are_the_items_of_the_2016_opinion_each_once_in_its_own_category()
    {
        var expected = OpinionItems.SelectMany(c => Enumerable.Range(1, c.Items).Select(i => c.Items == 1 ? c.Category : $"{c.Category}{i}")).ToList();
        var national = catalogue.Measures.Values.Where(m => CategoryIndex(m) < OpinionItems.Length).ToList();

        var cited = national.Select(m => Item(m) ?? $"unreadable in {m.Code}").ToList();

        Assert.Equal(37, national.Count);
        Assert.Equal(expected.Order(), cited.Order());
        // The first eleven categories are the opinion's, in its order, and each measure sits in the category it cites.
        Assert.All(national, m => Assert.Equal(OpinionItems[CategoryIndex(m)].Category, OpinionCategory().Match(m.LegalBasis).Groups[1].Value));
    }

    [Fact]
    public void Guangzhou_adds_the_2018_inquiry_and_control_items_as_two_categories_of_four_measures()
    {
        var added = catalogue.Measures.Values.Where(m => CategoryIndex(m) >= OpinionItems.Length).ToList();

        Assert.Equal(4, added.Count);
        Assert.All(added, m => Assert.Contains("穗中法函〔2019〕120号", m.LegalBasis));
        Assert.All(added, m => Assert.Null(Item(m)));
        Assert.Equal(["asset-control", "records-inquiry"], added.Select(m => m.Category).Distinct().Order());
        string[] items = ["非传统型理财产品", "住房公积金账户", "破产企业资金", "最低生活保障", "特困人员救助供养", "门牌住址"];
        Assert.All(items, item => Assert.Single(added, m => m.TitleZh.Contains(item)));
        Assert.Contains("A02", catalogue.Agencies["housing-fund"].Measures);
        Assert.Contains("Q01", catalogue.Agencies["civil-affairs"].Measures);
        Assert.Contains("Q01", catalogue.Agencies["public-security"].Measures);
    }

    [Fact]
    public void Each_of_the_nine_consumption_items_of_Art_3_falls_under_one_consumption_measure_that_follows_the_restriction()
    {
        string[] items = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
        const string Rules = "《最高人民法院关于限制被执行人高消费及有关消费的若干规定》(法释〔2015〕17号) 第三条";

        var consumption = catalogue.Measures.Values.Where(m => m.Category == "consumption").ToList();
        var covered = consumption.SelectMany(m => ConsumptionItem().Matches(m.LegalBasis[m.LegalBasis.IndexOf(Rules, StringComparison.Ordinal)..])
            .Select(match => match.Groups[1].Value)).ToList();

        Assert.Equal(6, consumption.Count);
        Assert.All(consumption, m => Assert.Equal(MeasureTrigger.ConsumptionRestriction, m.Trigger));
        Assert.Equal(items.Order(), covered.Order());
    }

    [Fact]
    public void Exit_control_follows_the_exit_ban_and_border_inspection_enforces_only_it()
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

        Assert.Equal(34, joint.Count);
        Assert.All(joint, m => Assert.Equal(MeasureTrigger.DishonestListing, m.Trigger));
    }

    [Fact]
    public void Every_agency_receives_the_court_and_case_so_that_a_subject_it_turns_away_knows_which_court_to_call()
    {
        // List rules Art. 11 and consumption rules Art. 8: objections and permission go to the enforcing court.
        Assert.All(catalogue.AgencyList, a => Assert.Contains(AgencyField.CourtAndCase, a.Fields));
        Assert.Equal([AgencyField.Name, AgencyField.CourtAndCase], catalogue.Agencies["railway"].Fields);
        Assert.Equal([AgencyField.Name, AgencyField.CourtAndCase], catalogue.Agencies["civil-aviation"].Fields);
        Assert.Equal(["C01"], catalogue.Agencies["railway"].Measures);
        Assert.Equal(InterceptionTriggers.ConsumptionRestriction, catalogue.TriggersOf(catalogue.Agencies["railway"]));
    }

    [Fact]
    public void Agencies_that_only_block_a_purchase_receive_no_amount_owed()
    {
        var consumptionOnly = catalogue.AgencyList.Where(a => catalogue.TriggersOf(a) == InterceptionTriggers.ConsumptionRestriction).ToList();

        Assert.NotEmpty(consumptionOnly);
        Assert.All(consumptionOnly, a => Assert.DoesNotContain(AgencyField.AmountOwed, a.Fields));
    }

    [Fact]
    public void The_amount_owed_goes_only_to_agencies_that_lend_control_assets_or_post_the_list()
    {
        string[] needAmount = ["H03", "A01", "A02", "A03"];

        var receiving = catalogue.AgencyList.Where(a => a.Fields.Contains(AgencyField.AmountOwed)).Select(a => a.Code).Order();
        var acting = catalogue.AgencyList.Where(a => a.Measures.Intersect(needAmount).Any() || a.Units.Count > 0).Select(a => a.Code).Order();

        Assert.Equal(acting, receiving);
        Assert.DoesNotContain(AgencyField.AmountOwed, catalogue.Agencies["procuratorate"].Fields);
        Assert.DoesNotContain(AgencyField.AmountOwed, catalogue.Agencies["public-security"].Fields);
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
    public void The_peoples_bank_is_named_as_its_guangdong_branch_since_2023()
    {
        var bank = catalogue.Agencies["peoples-bank"];

        Assert.StartsWith("中国人民银行广东省分行", bank.NameZh);
        Assert.DoesNotContain(catalogue.AgencyList, a => a.NameZh.Contains("人民银行广州分行"));
    }

    [Fact]
    public void Street_offices_post_the_list_by_district_one_unit_for_each_of_Guangzhous_eleven_districts()
    {
        string[] districts = ["440103", "440104", "440105", "440106", "440111", "440112", "440113", "440114", "440115", "440117", "440118"];
        var streetOffices = catalogue.Agencies["street-offices"];

        Assert.Equal(["O01"], streetOffices.Measures);
        Assert.Equal(11, streetOffices.Units.Count);
        Assert.All(districts, d => Assert.Single(streetOffices.Units, u => u.Regions.Contains(d)));
        var regions = streetOffices.Units.SelectMany(u => u.Regions).ToList();
        Assert.Equal(regions.Count, regions.Distinct().Count());
        Assert.Single(catalogue.AgencyList, a => a.Units.Count > 0);
    }

    [Fact]
    public void Every_agency_and_unit_code_can_stand_in_a_url_as_it_is()
    {
        Assert.All(catalogue.Agencies.Keys.Concat(catalogue.AgencyList.SelectMany(a => a.Units).Select(u => u.Code)), code =>
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
        Assert.All(catalogue.AgencyList.SelectMany(a => a.Units), u => Assert.False(string.IsNullOrWhiteSpace(u.NameZh) || string.IsNullOrWhiteSpace(u.NameEn), u.Code));
    }

    private int CategoryIndex(Measure measure) => catalogue.Categories.Select(c => c.Code).ToList().IndexOf(measure.Category);

    /// <summary>The opinion's item a measure cites: 一1 for (一) item 1, 八 for (八).</summary>
    private static string? Item(Measure measure) =>
        OpinionCategory().Match(measure.LegalBasis) is { Success: true } match ? match.Groups[1].Value + match.Groups[2].Value : null;

    [GeneratedRegex(@"中办发〔2016〕64号\) 第二部分（([一二三四五六七八九十]+)）(?:第(\d)项)?")]
    private static partial Regex OpinionCategory();

    [GeneratedRegex("第([一二三四五六七八九])项")]
    private static partial Regex ConsumptionItem();
}
