using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Tests.Identifiers;

public sealed class CourtCodeTests
{
    [Theory]
    [InlineData("粤")] // high court
    [InlineData("粤01")] // intermediate court
    [InlineData("粤0103")] // basic court (Liwan)
    [InlineData(" 粤0103 ")]
    public void Province_character_with_none_two_or_four_digits_is_a_court(string text)
    {
        Assert.True(CourtCode.TryParse(text, null, out var court));

        Assert.Equal(text.Trim(), court.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0103")]
    [InlineData("粤1")]
    [InlineData("粤010")]
    [InlineData("粤01031")]
    [InlineData("GD01")]
    [InlineData("粤 01")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(CourtCode.TryParse(text, null, out var court));

        Assert.Null(court.Value);
    }

    [Fact]
    public void Codes_are_equal_by_value()
    {
        Assert.Equal(CourtCode.Parse("粤0103"), CourtCode.Parse(" 粤0103"));
        Assert.NotEqual(CourtCode.Parse("粤0103"), CourtCode.Parse("粤0104"));
        Assert.Throws<FormatException>(() => CourtCode.Parse("粤1"));
    }
}
