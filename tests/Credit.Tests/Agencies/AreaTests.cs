using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions.Areas;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Agencies;

/// <summary>Where a subject belongs, from what the courts already send: the region of its document (GB 11643-1999 digits
/// 1–6, GB 32100-2015 characters 3–8), or, for a document that names none, the courts enforcing its holds.</summary>
public sealed class AreaTests
{
    private static readonly Area Liwan = new(["440103", "440107"]);

    [Fact]
    public void A_resident_id_lies_where_it_was_issued_including_a_district_since_merged()
    {
        Assert.True(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("440103")));
        // 芳村区 (440107) joined 荔湾区 in 2005; numbers issued there keep its code.
        Assert.True(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("440107")));
        Assert.False(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("440105")));
        Assert.False(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("430102")));
    }

    [Fact]
    public void A_credit_code_lies_where_the_entity_was_registered()
    {
        Assert.True(Liwan.ContainsDocument(DocumentType.CreditCode, Identities.CreditCodeIn("440103")));
        Assert.False(Liwan.ContainsDocument(DocumentType.CreditCode, Identities.CreditCodeIn("440106")));
    }

    [Fact]
    public void A_document_of_no_region_or_of_the_whole_city_leaves_it_to_the_courts_of_the_holds()
    {
        // 440101 is Guangzhou's districts taken together, what its city-level authorities register under; 440100 the city.
        Assert.Null(Liwan.ContainsDocument(DocumentType.CreditCode, Identities.CreditCodeIn("440101")));
        Assert.Null(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("440100")));
        Assert.Null(Liwan.ContainsDocument(DocumentType.Passport, "E12345678"));

        Assert.True(Liwan.Contains(DocumentType.Passport, "E12345678", ["粤0105", "粤0103"]));
        Assert.True(Liwan.Contains(DocumentType.CreditCode, Identities.CreditCodeIn("440101"), ["粤0103"]));
        Assert.False(Liwan.Contains(DocumentType.Passport, "E12345678", ["粤0104"]));
        Assert.False(Liwan.Contains(DocumentType.Passport, "E12345678", []));
        // The intermediate court's cases name no district.
        Assert.False(Liwan.Contains(DocumentType.Passport, "E12345678", ["粤01"]));
    }

    [Fact]
    public void Another_citys_code_is_its_own_area_even_when_it_ends_in_00_or_01()
    {
        // 东莞 (441900) has no districts; 凯里 (522601) is a county-level city numbered 01.
        Assert.False(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("441900")));
        Assert.False(Liwan.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("522601")));
        Assert.True(new Area(["441900"]).ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("441900")));
    }

    [Fact]
    public void The_courts_are_asked_only_when_the_document_names_no_region()
    {
        Assert.False(Liwan.Contains(DocumentType.ResidentId, Identities.AdultResidentIdIn("440105"), ["粤0103"]));
        Assert.True(Liwan.Contains(DocumentType.ResidentId, Identities.AdultResidentIdIn("440103"), ["粤0105"]));
    }

    [Fact]
    public void A_city_wide_area_holds_every_district_and_the_intermediate_courts_cases()
    {
        var guangzhou = new Area(["4401"]);

        Assert.True(guangzhou.ContainsDocument(DocumentType.ResidentId, Identities.AdultResidentIdIn("440118")));
        Assert.True(guangzhou.Contains(DocumentType.Passport, "E12345678", ["粤01"]));
        Assert.True(guangzhou.Contains(DocumentType.Passport, "E12345678", ["粤0115"]));
        Assert.False(guangzhou.Contains(DocumentType.Passport, "E12345678", ["粤0604"]));
    }

    [Fact]
    public void Courts_are_placed_by_their_code_and_areas_name_their_courts()
    {
        Assert.Equal("440103", RegionCodes.OfCourt("粤0103"));
        Assert.Equal("4401", RegionCodes.OfCourt("粤01"));
        Assert.Equal("11", RegionCodes.OfCourt("京"));
        Assert.Null(RegionCodes.OfCourt("X0103"));
        Assert.Equal("粤0103", RegionCodes.CourtPrefixOf("440103"));
        Assert.Equal("粤01", RegionCodes.CourtPrefixOf("4401"));
    }
}
