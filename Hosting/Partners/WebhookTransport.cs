using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Credit.Grains.Interfaces.Partners;
using Credit.Grains.Partners;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Credit.Hosting.Partners;

/// <summary>Posts a partner's webhook signed as Standard Webhooks says: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds, new at each attempt) and <c>webhook-signature</c> (<c>v1,</c> and the Base64 HMAC-SHA256 of id, timestamp and body
/// under the subscription's secret). Any 2xx is a delivery; anything else, a redirect or a timeout included, a failure to
/// retry. Each new connection goes only to an address <see cref="WebhookTargets"/> allows for the host, resolved then (a host
/// re-pointed at an internal address after registration is refused here); connections are kept alive and pooled per receiver.</summary>
public sealed class WebhookTransport : IWebhookTransport, IDisposable
{
    private readonly HttpClient client;
    private readonly TimeProvider clock;

    public WebhookTransport(IOptions<WebhookRules> rules, WebhookTargets targets, TimeProvider clock)
    {
        this.clock = clock;
        client = new HttpClient(new SocketsHttpHandler
        {
            // A connection lives at most this long, so a host's address is resolved and checked again at least this often.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = rules.Value.ConnectionsPerReceiver,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await targets.AddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                SocketException? last = null;
                foreach (var address in addresses)
                {
                    var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch (SocketException error)
                    {
                        socket.Dispose();
                        last = error;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                }
                throw last!;
            },
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
            if (error is TaskCanceledException)
                return "timed out";
            // The connect callback's refusal arrives wrapped; its own words say why.
            return error.InnerException is WebhookTargetRefusedException refused ? refused.Message : error.Message;
        }
    }

    public void Dispose() => client.Dispose();
}
