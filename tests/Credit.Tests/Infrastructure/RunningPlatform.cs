using Credit.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Credit.Tests.Infrastructure;

/// <summary>The real platform (Kestrel on a loopback port, co-hosted Orleans silo, PostgreSQL) inside the
/// test process, reached over real HTTP.</summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningPlatform(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => app.Services;

    public static Task<RunningPlatform> StartAsync(string connectionString, bool seedDemoKeys = true, params string[] settings) =>
        StartAsync(connectionString, _ => { }, seedDemoKeys, settings);

    /// <param name="configure">Runs on the builder before the platform adds its own services, so what it
    /// registers (a scripted Elasticsearch client, a log capture) is what the platform uses.</param>
    public static Task<RunningPlatform> StartAsync(string connectionString, Action<WebApplicationBuilder> configure, bool seedDemoKeys = true, params string[] settings) =>
        StartAsync(["--Credit:Storage:ConnectionString", connectionString, "--Credit:Storage:SeedDemoKeys", seedDemoKeys.ToString(),
            // The key webhook signing secrets are encrypted with, as an operator configures it (the embedded default makes its own).
            "--Credit:Partners:Webhooks:SecretKeys:Keys:test", TestWebhookSecretKey, "--Credit:Partners:Webhooks:SecretKeys:Current", "test", .. settings], configure);

    /// <summary>The webhook secret key of every platform started on a connection string in the tests.</summary>
    public const string TestWebhookSecretKey = "dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0zMmI=";

    /// <summary>The platform on the embedded default, as <c>./credit start</c> runs it: its own PostgreSQL server in
    /// <paramref name="dataFolder"/>, started, supervised and stopped by the platform.</summary>
    public static Task<RunningPlatform> StartEmbeddedAsync(string dataFolder, Action<WebApplicationBuilder> configure) =>
        StartAsync(["--Credit:Storage:EmbeddedDataFolder", dataFolder], configure);

    private static async Task<RunningPlatform> StartAsync(string[] settings, Action<WebApplicationBuilder> configure)
    {
        var app = await CreditApplication.BuildAsync(
        [
            "--urls", "http://127.0.0.1:0",
            "--Credit:Cluster:SiloPort", "0",
            "--Credit:Cluster:GatewayPort", "0",
            "--Logging:LogLevel:Default", "Warning",
            // Tests share one client address; the rate limit has its own test.
            "--Credit:Search:RequestsPerMinute", "1000000",
            .. settings,
        ], configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused (a setting checked at start) leaves nothing running behind the test.
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningPlatform(app, new Uri(address));
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
