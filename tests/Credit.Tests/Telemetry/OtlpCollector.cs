using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credit.Tests.Telemetry;

/// <summary>A stand-in for an OpenTelemetry collector over OTLP/HTTP: it keeps every request body as sent. Protobuf writes
/// strings as their UTF-8 bytes, so the bodies read as text show every name, attribute and resource value that left.</summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string Body)> received = new();

    private OtlpCollector(WebApplication app) => this.app = app;

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The bodies received on <paramref name="path"/> (<c>/v1/traces</c>, <c>/v1/metrics</c>), as UTF-8 text.</summary>
    public IReadOnlyList<string> Received(string path) => [.. received.Where(r => r.Path == path).Select(r => r.Body)];

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            collector.received.Enqueue((request.Path, Encoding.UTF8.GetString(body.ToArray())));
            // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
