using System.Text.Json;
using Credit.Grains.Interfaces.Identifiers;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Identifiers;

/// <summary>GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, check character.</summary>
public sealed class ResidentIdTests
{
    [Fact]
    public void Standards_example_is_valid_GB11643()
    {
        Assert.True(ResidentId.TryParse("11010519491231002X", out var id, out var error), error);

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal('X', ResidentId.CheckCharacterFor("11010519491231002"));
    }

    [Theory]
    [InlineData("44010319800512123")]
    [InlineData("34230119640512322")]
    [InlineData("52010220000229001")]
    [InlineData("65010219991231999")]
    public void Number_with_its_computed_check_character_is_valid(string first17)
    {
        var number = WithResidentCheck(first17);

        Assert.True(ResidentId.TryParse(number, out var id, out var error), error);
        Assert.Equal(number, id.ToString());
    }

    [Fact]
    public void Check_character_is_the_weighted_sum_mod_11_mapped_to_10X98765432()
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string first17 = "11010519491231002";
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();

        // The standard's example: 167 mod 11 = 2, and position 2 of 1 0 X 9 8 7 6 5 4 3 2 is X.
        Assert.Equal(167, sum);
        Assert.Equal('X', "10X98765432"[sum % 11]);
        Assert.Equal("10X98765432"[sum % 11], ResidentId.CheckCharacterFor(first17));
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310020")]
    [InlineData("11010519491231002Y")]
    public void Wrong_check_character_is_refused(string number)
    {
        Assert.False(ResidentId.TryParse(number, out var id, out var error));

        Assert.Contains("check character", error);
        Assert.Null(id.Value);
    }

    [Theory]
    [InlineData("4401031980023012")] // 30 February
    [InlineData("4401031980131012")] // month 13
    [InlineData("4401031980040012")] // day 0
    [InlineData("4401031900022912")] // 1900 was not a leap year
    [InlineData("4401031899123112")] // before 1900
    public void Impossible_birth_date_is_refused(string first16)
    {
        var number = WithResidentCheck(first16 + "3");

        Assert.False(ResidentId.TryParse(number, out _, out var error));
        Assert.Contains("birth date", error);
    }

    [Theory]
    [InlineData("4401031980O5121231")]
    [InlineData("44010319800512I231")]
    [InlineData("４40103198005121231")] // a full-width digit
    [InlineData("44 010319800512123")]
    public void Non_digits_in_the_first_17_characters_are_refused(string number)
    {
        Assert.False(ResidentId.TryParse(number, out _, out var error));

        Assert.Contains("digits", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002XX")]
    [InlineData("110105491231002")] // the old 15-digit number
    [InlineData(null)]
    public void Wrong_length_is_refused(string? number)
    {
        Assert.False(ResidentId.TryParse(number, out _, out var error));

        Assert.Equal("must be 18 characters", error);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("  11010519491231002X\t")]
    [InlineData("\n11010519491231002x ")]
    public void Lower_case_x_and_surrounding_whitespace_are_normalised(string number)
    {
        var id = ResidentId.Parse(number);

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(ResidentId.Parse("11010519491231002X"), id);
    }

    [Fact]
    public void Odd_17th_digit_is_male_even_is_female()
    {
        var male = ResidentId.Parse(WithResidentCheck("44010319800512123"));
        var female = ResidentId.Parse(WithResidentCheck("44010319800512120"));

        Assert.Equal(Sex.Male, male.Sex);
        Assert.Equal(Sex.Female, female.Sex);
        Assert.Equal(Sex.Female, ResidentId.Parse("11010519491231002X").Sex);
    }

    [Fact]
    public void Birth_date_is_read_from_characters_7_to_14()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), ResidentId.Parse("11010519491231002X").BirthDate);
        Assert.Equal(new DateOnly(2000, 2, 29), ResidentId.Parse(WithResidentCheck("52010220000229001")).BirthDate);
    }

    [Fact]
    public void Age_counts_whole_years_from_the_birth_date()
    {
        var id = ResidentId.Parse("11010519491231002X");

        Assert.Equal(74, id.AgeOn(new DateOnly(2024, 12, 30)));
        Assert.Equal(75, id.AgeOn(new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public void Masked_hides_birth_month_and_day_like_the_national_site()
    {
        var number = WithResidentCheck("34230119640512322");

        var masked = ResidentId.Parse(number).Masked;

        Assert.Equal("3423011964****322" + number[17], masked);
        Assert.Equal("1101051949****002X", ResidentId.Parse("11010519491231002X").Masked);
    }

    [Fact]
    public void Parse_refuses_an_invalid_number_with_the_reason()
    {
        var error = Assert.Throws<FormatException>(() => ResidentId.Parse("110105194912310021"));

        Assert.Contains("check character", error.Message);
    }

    [Fact]
    public void Json_holds_the_normalised_number_and_refuses_an_invalid_one()
    {
        Assert.Equal("\"11010519491231002X\"", JsonSerializer.Serialize(ResidentId.Parse("11010519491231002x")));
        Assert.Equal(ResidentId.Parse("11010519491231002X"), JsonSerializer.Deserialize<ResidentId>("\"11010519491231002x\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ResidentId>("\"110105194912310021\""));
    }
}
