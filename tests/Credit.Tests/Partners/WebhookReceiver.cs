using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credit.Tests.Partners;

/// <summary>A partner's webhook receiver: a real Kestrel server on a loopback port that records every request it gets and
/// answers 204 while up, 503 while down. It checks nothing itself; the tests verify the signatures with
/// <see cref="VerifySignature"/>, an implementation of Standard Webhooks' scheme of their own.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private volatile bool up = true;

    public sealed record Received(string Id, string Timestamp, string Signature, string Body, bool Accepted)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Type => Json.GetProperty("type").GetString()!;

        public Guid ListingId => Json.GetProperty("data").GetProperty("entry").GetProperty("listingId").GetGuid();

        public long Position => Json.GetProperty("data").GetProperty("position").GetInt64();
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>A URL on this receiver that answers 307 to <see cref="Url"/>.</summary>
    public Uri RedirectingUrl => new(Url, "/moved");

    private WebhookReceiver(WebApplication app) => this.app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            if (receiver.Slowness > TimeSpan.Zero)
                await Task.Delay(receiver.Slowness);
            var accepted = receiver.up;
            receiver.Requests.Enqueue(new Received(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body, accepted));
            return accepted ? Results.NoContent() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        // A redirect to the hook, which a delivery must not follow.
        app.MapPost("/moved", () => Results.Redirect("/hook", permanent: false, preserveMethod: true));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>How long it takes over each request before answering (after reading it): a receiver a crash can catch mid-request.</summary>
    public TimeSpan Slowness { get; set; }

    public void GoDown() => up = false;

    public void ComeUp() => up = true;

    /// <summary>The requests it answered 2xx, first of each webhook-id, in the order they arrived.</summary>
    public List<Received> Delivered() => [.. Requests.Where(r => r.Accepted).DistinctBy(r => r.Id)];

    /// <summary>Standard Webhooks' signature, computed here without the platform's library: HMAC-SHA256 under the secret's
    /// Base64-decoded bytes of "id.timestamp.body", in Base64, after "v1,". A header may carry several signatures.</summary>
    public static bool VerifySignature(Received request, string secret)
    {
        Assert.StartsWith("whsec_", secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        return request.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
