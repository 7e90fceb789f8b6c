using Credit.Grains.Interfaces.Identifiers;
using static Credit.Tests.Rules.TestSubjects;

namespace Credit.Tests.Identifiers;

/// <summary>GB 32100-2015: 18 characters from 0–9 and A–Y without I, O, S, V, Z; check modulo 31.</summary>
public sealed class CreditCodeTests
{
    [Fact]
    public void Published_code_with_correct_check_is_valid_GB32100()
    {
        Assert.True(CreditCode.TryParse("91350100M000100Y43", out var code, out var error), error);

        Assert.Equal("91350100M000100Y43", code.Value);
        Assert.Equal('3', CreditCode.CheckCharacterFor("91350100M000100Y4"));
    }

    [Theory]
    [InlineData("91440101MA5CXXXX1")]
    [InlineData("91440101MA59ABCDE")]
    [InlineData("12440000455859131")]
    [InlineData("Y1440101UWXY00001")]
    public void Code_with_its_computed_check_character_is_valid(string first17)
    {
        var text = WithCreditCheck(first17);

        Assert.True(CreditCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(text, code.ToString());
    }

    [Fact]
    public void Check_of_31_is_written_as_0()
    {
        // A weighted sum divisible by 31 gives 31 − 0 = 31, which the standard writes as 0.
        Assert.Equal('0', CreditCode.CheckCharacterFor("00000000000000000"));
        Assert.True(CreditCode.TryParse("000000000000000000", out _, out _));
    }

    [Fact]
    public void Wrong_check_character_is_refused_by_default()
    {
        Assert.False(CreditCode.TryParse("91350100M000100Y44", out var code, out var error));

        Assert.Contains("check character", error);
        Assert.Null(code.Value);
        Assert.Throws<FormatException>(() => CreditCode.Parse("91350100M000100Y44"));
    }

    [Fact]
    public void Wrong_check_character_is_accepted_with_the_court_confirmed_override()
    {
        Assert.True(CreditCode.TryParse("91350100M000100Y44", out var code, out var error, allowCheckMismatch: true), error);

        Assert.Equal("91350100M000100Y44", code.Value);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Letters_I_O_S_V_Z_are_refused_even_with_the_override(char forbidden)
    {
        var text = "91440101MA5C" + forbidden + "XXX1";
        var withCheck = text + "0";

        Assert.False(CreditCode.TryParse(withCheck, out _, out var error));
        Assert.False(CreditCode.TryParse(withCheck, out _, out _, allowCheckMismatch: true));
        Assert.Contains("I, O, S, V, Z", error);
    }

    [Theory]
    [InlineData("91440101MA5C-XXX10")]
    [InlineData("91440101MA5C XXX10")]
    [InlineData("91440101MA5C统XXX10")]
    public void Characters_outside_the_alphabet_are_refused(string text)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error, allowCheckMismatch: true));

        Assert.Contains("may contain only", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("350100M00010")] // the old 9-character organisation code, padded
    public void Wrong_length_is_refused(string? text)
    {
        Assert.False(CreditCode.TryParse(text, out _, out var error, allowCheckMismatch: true));

        Assert.Equal("must be 18 characters", error);
    }

    [Fact]
    public void Lower_case_and_surrounding_whitespace_are_normalised()
    {
        var code = CreditCode.Parse("  91350100m000100y43 ");

        Assert.Equal(CreditCode.Parse("91350100M000100Y43"), code);
    }

    [Fact]
    public void Stored_codes_read_back_through_IParsable_skip_the_check_but_not_the_alphabet()
    {
        // Codes in storage were validated or court-confirmed when they came in.
        Assert.True(CreditCode.TryParse("91350100M000100Y44", null, out var stored));
        Assert.Equal("91350100M000100Y44", stored.Value);
        Assert.False(CreditCode.TryParse("91350100M000100YO4", null, out _));
    }
}
