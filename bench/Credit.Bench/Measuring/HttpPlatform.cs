using System.Text.Json;
using Credit.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Credit.Bench.Measuring;

/// <summary>The whole platform as <c>./credit start</c> runs it (API and co-hosted silo), on the bench's
/// database, so the same searches can be timed through Kestrel, routing, validation and JSON.</summary>
public sealed class HttpPlatform(WebApplication app, HttpClient client) : IAsyncDisposable
{
    public static async Task<HttpPlatform> StartAsync(string connectionString)
    {
        var app = await CreditApplication.BuildAsync([
            "--urls", "http://127.0.0.1:0",
            $"--Credit:Storage:ConnectionString={connectionString}",
            "--Credit:Storage:SeedDemoKeys=false",
            "--Credit:Cluster:SiloPort=0",
            "--Credit:Cluster:GatewayPort=0",
            // One client address makes every request; the public rate limit would refuse nearly all of them.
            "--Credit:Search:RequestsPerMinute=1000000000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpPlatform(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>One search as a browser would make it; returns the number of listings on the page.</summary>
    public async Task<int> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/api/v1/public/listings{request.QueryString()}", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return page.RootElement.GetProperty("items").GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
