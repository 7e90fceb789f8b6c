using System.Net.Http.Headers;
using System.Text;
using Credit.Grains.Interfaces.Partners;
using Credit.Grains.Partners;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Credit.Hosting.Partners;

/// <summary>Posts a partner's webhook signed as Standard Webhooks says: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds, new at each attempt) and <c>webhook-signature</c> (<c>v1,</c> and the Base64 HMAC-SHA256 of id, timestamp and body
/// under the subscription's secret). Any 2xx is a delivery; anything else, a timeout included, a failure to retry.</summary>
public sealed class WebhookTransport : IWebhookTransport, IDisposable
{
    private readonly HttpClient client;
    private readonly TimeProvider clock;

    public WebhookTransport(IOptions<WebhookRules> rules, TimeProvider clock)
    {
        this.clock = clock;
        client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 8,
        })
        { Timeout = rules.Value.RequestTimeout };
    }

    public async Task<string?> SendAsync(Uri url, string secret, string messageId, string payload, CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        var signature = new StandardWebhook(secret).Sign(messageId, at, payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            return error is TaskCanceledException ? "timed out" : error.Message;
        }
    }

    public void Dispose() => client.Dispose();
}
