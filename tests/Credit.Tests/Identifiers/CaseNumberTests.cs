using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Tests.Identifiers;

public sealed class CaseNumberTests
{
    [Fact]
    public void Enforcement_case_number_gives_its_court_and_year()
    {
        var number = CaseNumber.Parse("(2024)粤0103执1234号");

        Assert.Equal("(2024)粤0103执1234号", number.Value);
        Assert.Equal(2024, number.Year);
        Assert.Equal(CourtCode.Parse("粤0103"), number.Court);
    }

    [Theory]
    [InlineData("（2024）粤0103执1234号")]
    [InlineData(" (2024) 粤0103执1234号 ")]
    [InlineData("（2024)粤0103 执 1234号")]
    [InlineData("〔2024〕粤0103执1234号")]                     // the brackets of official documents
    [InlineData("(2024)\u00A0粤0103\u3000执\u20091234 号")]  // no-break, ideographic and thin spaces
    public void Full_width_parentheses_and_spaces_are_normalised(string text)
    {
        Assert.True(CaseNumber.TryParse(text, null, out var number));

        Assert.Equal(CaseNumber.Parse("(2024)粤0103执1234号"), number);
    }

    [Theory]
    [InlineData("(2024)粤执5号", "粤", 2024)] // high court
    [InlineData("(2023)粤01执恢12号", "粤01", 2023)] // intermediate court, resumed enforcement
    [InlineData("(2019)粤0104执保9999999号", "粤0104", 2019)] // preservation, 7-digit sequence
    [InlineData("(1999)京0105执异1号", "京0105", 1999)]
    public void Courts_of_every_level_and_the_enforcement_case_types_are_understood(string text, string court, int year)
    {
        var number = CaseNumber.Parse(text);

        Assert.Equal(CourtCode.Parse(court), number.Court);
        Assert.Equal(year, number.Year);
    }

    [Theory]
    [InlineData("(2024)粤0103执1234号", "执", true)]
    [InlineData("(2024)粤0103执恢12号", "执恢", true)]
    [InlineData("(2024)粤0103执保12号", "执保", false)]
    [InlineData("(2024)粤0103执异12号", "执异", false)]
    [InlineData("(2024)粤0103执复12号", "执复", false)]
    [InlineData("(2024)粤0103执监12号", "执监", false)]
    [InlineData("(2024)粤0103执协12号", "执协", false)]
    [InlineData("(2024)粤0103执他12号", "执他", false)]
    [InlineData("(2024)粤0103执配12号", "执配", false)]
    public void Case_type_is_read_from_the_number_and_only_执_and_执恢_are_enforcement_cases(string text, string type, bool enforcement)
    {
        var number = CaseNumber.Parse(text);

        Assert.Equal((type, enforcement), (number.CaseType, number.IsEnforcement));
    }

    [Theory]
    [InlineData("2024粤0103执1234号")] // no parentheses
    [InlineData("[2024]粤0103执1234号")]
    [InlineData("(2024)粤0103民初1234号")] // a civil case, not an enforcement case
    [InlineData("(2024)粤0103执0号")]
    [InlineData("(2024)粤0103执01号")]
    [InlineData("(2024)粤0103执12345678号")]
    [InlineData("(1899)粤0103执1号")]
    [InlineData("(2024)粤013执1号")] // three-digit court
    [InlineData("(2024)0103执1号")] // no province
    [InlineData("(2024)粤0103执1234")] // no 号
    [InlineData("(24)粤0103执1234号")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_case_number_is_refused(string? text)
    {
        Assert.False(CaseNumber.TryParse(text, null, out var number));

        Assert.Null(number.Value);
    }

    [Theory]
    [InlineData("(1899)粤0103执1号", "has the year 1899; the year in parentheses must be from 1900 to 2099")]
    [InlineData("(24)粤0103执1234号", "has the year 24; the year in parentheses must be from 1900 to 2099")]
    [InlineData("(2026)粤0103执00001号", "must write the case sequence number without leading zeros: (2026)粤0103执1号")]
    [InlineData("（2026）粤0103执恢012号", "must write the case sequence number without leading zeros: (2026)粤0103执恢12号")]
    [InlineData("(2024)粤0103执0号", "must have a case sequence number of 1 or more before 号")]
    [InlineData("(2024)粤0103执12345678号", "must have a case sequence number of at most 7 digits")]
    [InlineData("(2024)粤0103民初1234号", CaseNumber.ShapeRule)]
    [InlineData("(2024)粤013执1号", CaseNumber.ShapeRule)]
    public void A_number_of_the_right_shape_is_refused_naming_the_part_that_is_wrong(string text, string rule)
    {
        Assert.False(CaseNumber.TryParse(text, out _, out var error));

        Assert.Equal(rule, error);
    }

    [Theory]
    [InlineData("(2026)粤0103执1 2号", "case sequence number", "1 2")]
    [InlineData("(2026)粤0103执恢12\u00A03号", "case sequence number", "12\u00A03")]
    [InlineData("(20 26)粤0103执12号", "year", "20 26")]
    [InlineData("(2026)粤01\u300003执12号", "court code", "01\u300003")]
    public void A_space_inside_the_digits_of_a_part_is_refused_naming_the_part(string text, string part, string digits)
    {
        Assert.False(CaseNumber.TryParse(text, out var number, out var error));

        Assert.Null(number.Value);
        Assert.StartsWith($"has a space inside the digits of its {part} ({digits}): spaces may stand only between the parts", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("( 2026 ) 粤 0103 执 12 号")]
    [InlineData("(2026)粤0103 执恢\u300012号")]
    public void Spaces_between_the_parts_and_inside_the_parentheses_stay_allowed(string text)
    {
        Assert.True(CaseNumber.TryParse(text, out var number, out _));

        Assert.DoesNotContain(number.Value, char.IsWhiteSpace);
    }

    [Fact]
    public void Parse_refuses_a_malformed_number()
    {
        Assert.Throws<FormatException>(() => CaseNumber.Parse("(2024)粤0103民初1234号"));
    }
}
