using Credit.Grains.Interfaces.Time;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Rules;

/// <summary>Dates that the law counts in days are dates in China Standard Time (UTC+8).</summary>
public sealed class ChinaTimeTests
{
    [Theory]
    [InlineData("2025-06-30T15:59:59Z", 2025, 6, 30)]
    [InlineData("2025-06-30T16:00:00Z", 2025, 7, 1)] // midnight in Beijing
    [InlineData("2024-12-31T16:30:00Z", 2025, 1, 1)]
    [InlineData("2025-01-01T00:00:00+08:00", 2025, 1, 1)]
    public void Today_is_the_date_in_Beijing(string instant, int year, int month, int day)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());

        Assert.Equal(new DateOnly(year, month, day), clock.Today());
    }
}
