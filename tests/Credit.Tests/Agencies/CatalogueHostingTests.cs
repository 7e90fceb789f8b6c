using Credit.Api.Agencies.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Agencies;

/// <summary>AddAgencyCatalogue: the file named by Credit:Agencies:CatalogueFile, or the shipped copy, checked when
/// the host starts.</summary>
public sealed class CatalogueHostingTests
{
    [Fact]
    public async Task Without_a_setting_the_shipped_catalogue_is_used()
    {
        using var host = Host([]);

        await host.StartAsync(TestContext.Current.CancellationToken);

        var source = host.Services.GetRequiredService<AgencyCatalogueSource>();
        Assert.Equal(CatalogueFiles.ShippedPath, source.FilePath);
        Assert.Equal(44, source.Current.Agencies.Count);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_invalid_catalogue_file_stops_the_host_at_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"catalogue-{Guid.NewGuid():N}.json");
        var broken = CatalogueFiles.ShippedJson();
        broken.Measure("C01")["category"] = "travel";
        await File.WriteAllTextAsync(path, broken.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            using var host = Host(new() { ["Credit:Agencies:CatalogueFile"] = path });

            var refusal = await Assert.ThrowsAsync<AgencyCatalogueException>(() => host.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains(path, refusal.Message);
            Assert.Contains("measure 'C01': category 'travel' is not among the categories", refusal.Problems);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_negative_reload_delay_stops_the_host_at_start()
    {
        using var host = Host(new() { ["Credit:Agencies:ReloadDelay"] = "-00:00:01" });

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Credit:Agencies:ReloadDelay", refusal.Message);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddAgencyCatalogue();
        return builder.Build();
    }
}
