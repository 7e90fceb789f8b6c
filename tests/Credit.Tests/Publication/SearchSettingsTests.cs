using Credit.Api.Publication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Credit.Tests.Publication;

/// <summary>Search settings that cannot work stop the start with the setting named.</summary>
public sealed class SearchSettingsTests
{
    [Theory]
    [InlineData("Credit:Search:Engine", "Elastisearch", "Engine")]
    [InlineData("Credit:Search:RequestsPerMinute", "0", "RequestsPerMinute")]
    public void A_setting_that_cannot_work_is_refused_naming_it(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPublicSearch(configuration));

        Assert.Contains(named, refusal.Message);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("elasticsearch")]
    public void Both_engines_are_accepted_whatever_the_case(string engine)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Credit:Search:Engine"] = engine }).Build();
        new ServiceCollection().AddPublicSearch(configuration);
    }
}
