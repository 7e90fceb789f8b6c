using Credit.Api.Publication;
using Credit.Hosting.Orleans;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Hosting;

/// <summary>Every settings group refuses a value that cannot work when the platform starts, with the setting named,
/// instead of running with it or failing later on a request.</summary>
public sealed class SettingsAtStartTests(TestPostgres postgres)
{
    public static TheoryData<string, string[]> SettingsThatCannotWork => new()
    {
        { "Credit:Storage:ConnectionString", ["--Credit:Storage:ConnectionString", "Host=127.0.0.1;Colour=blue"] },
        { "Credit:Storage:EmbeddedDatabase", ["--Credit:Storage:EmbeddedDatabase", "credit\"; DROP DATABASE postgres; --"] },
        { "Credit:Cluster:SiloPort", ["--Credit:Cluster:SiloPort", "70000"] },
        { "Credit:Cluster:AdvertisedAddress", ["--Credit:Cluster:AdvertisedAddress", "the-pod"] },
        { "Credit:Rules:ExitBanMaximumMonths", ["--Credit:Rules:ExitBanMaximumMonths", "13"] },
        { "Credit:Search:Engine", ["--Credit:Search:Engine", "Elastisearch"] },
        { "Credit:Search:RequestsPerMinute", ["--Credit:Search:RequestsPerMinute", "0"] },
        { "Credit:Search:Elasticsearch:Url", ["--Credit:Search:Engine", "Elasticsearch", "--Credit:Search:Elasticsearch:Url", "ftp://search.internal"] },
        { "Credit:Http:TrustedProxies", ["--Credit:Http:TrustedProxies:0", "10.0.0.0/33"] },
        { "Credit:Agencies:ReloadDelay", ["--Credit:Agencies:ReloadDelay", "00:05:00"] },
        { "Credit:Statistics:City", ["--Credit:Statistics:City", "粤0103"] },
        { "Credit:Partners:Webhooks:Targets:AllowedHosts", ["--Credit:Partners:Webhooks:Targets:AllowedHosts:0", "https://receiver.internal/*"] },
        { "Credit:Partners:Webhooks:SecretKeys:Keys:test", ["--Credit:Partners:Webhooks:SecretKeys:Keys:test", "dG9vIHNob3J0"] },
        { "Credit:Partners:Webhooks:SecretKeys:Current", ["--Credit:Partners:Webhooks:SecretKeys:Current", "retired"] },
    };

    [Theory]
    [MemberData(nameof(SettingsThatCannotWork))]
    public async Task A_setting_that_cannot_work_stops_the_start_naming_it(string setting, string[] settings)
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningPlatform.StartAsync(connectionString, true, settings));

        Assert.Contains(setting, refusal.Message);
    }

    [Fact]
    public async Task A_silo_on_its_own_without_the_cluster_database_stops_naming_the_setting()
    {
        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => StandaloneSilo.BuildAsync([]));

        Assert.Contains("Credit:Storage:ConnectionString", refusal.Message);
    }

    [Fact]
    public void Settings_are_read_through_their_options_types_alone()
    {
        string[] projects = ["Api", "Grains", "Grains.Interfaces", "Hosting", "ReadModels", "Silo"];
        var readers = projects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(SourceTree.Root, project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path) is var code
                && (code.Contains("Configuration[\"", StringComparison.Ordinal) || code.Contains(".GetSection(", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(SourceTree.Root, path));

        Assert.Equal(["Hosting/Settings/StartupSettings.cs"], readers);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("postgresql")]
    [InlineData("Elasticsearch")]
    [InlineData("elasticsearch")]
    public void Both_engines_are_accepted_whatever_the_case(string engine) =>
        Assert.True(new PublicSearchOptionsValidator().Validate(null, new PublicSearchOptions { Engine = engine }).Succeeded);
}
