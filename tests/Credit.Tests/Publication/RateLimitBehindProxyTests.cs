using System.Net;
using System.Net.Sockets;
using Credit.Api.Hosting;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Credit.Tests.Publication;

/// <summary>Behind a trusted proxy the public search's rate limit counts per client named in X-Forwarded-For; a header
/// from anyone else changes nothing. The platform trusts 127.0.0.1 as its proxy; 127.0.0.2, another loopback address,
/// is a client that connects directly.</summary>
public sealed class RateLimitBehindProxyTests(RateLimitBehindProxyTests.Proxied fixture) : IClassFixture<RateLimitBehindProxyTests.Proxied>
{
    private const int PerMinute = 3;
    private const string Search = "/api/v1/public/listings?name=张三";

    public sealed class Proxied(TestPostgres postgres) : IAsyncLifetime
    {
        public RunningPlatform Platform { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync(), true,
            "--Credit:Search:RequestsPerMinute", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Credit:Http:TrustedProxies:0", "127.0.0.1/32");

        public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
    }

    [Fact]
    public async Task Through_a_trusted_proxy_two_clients_have_separate_buckets()
    {
        var proxy = fixture.Platform.Client();

        var first = await SearchesAsync(proxy, PerMinute + 1, "203.0.113.10");
        var second = await SearchesAsync(proxy, PerMinute, "203.0.113.11");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerMinute), HttpStatusCode.TooManyRequests], first);
        Assert.All(second, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_client_behind_the_proxy_cannot_leave_its_bucket_by_naming_other_addresses_itself()
    {
        var proxy = fixture.Platform.Client();

        // The proxy appends the address it saw; whatever the client wrote before it is not the proxy's word.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerMinute; i++)
            statuses.AddRange(await SearchesAsync(proxy, 1, $"198.51.100.{i + 1}, 203.0.113.20"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerMinute), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task From_an_untrusted_address_the_forwarded_header_changes_nothing()
    {
        using var direct = ClientFrom(IPAddress.Parse("127.0.0.2"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerMinute; i++)
            statuses.AddRange(await SearchesAsync(direct, 1, $"203.0.113.{30 + i}"));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerMinute), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void A_trusted_proxy_that_is_neither_a_network_nor_an_address_stops_the_start_naming_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credit:Http:TrustedProxies:0"] = "10.0.0.0/8",
            ["Credit:Http:TrustedProxies:1"] = "10.0.0.0/33",
            ["Credit:Http:TrustedProxies:2"] = "fd00::/8",
            ["Credit:Http:TrustedProxies:3"] = "192.168.1.7",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddTrustedProxies().BuildServiceProvider();

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value);

        Assert.Equal("Credit:Http:TrustedProxies holds '10.0.0.0/33', which is neither a network (10.0.0.0/8) nor an address", Assert.Single(refusal.Failures));
    }

    private async Task<List<HttpStatusCode>> SearchesAsync(HttpClient client, int count, string forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Platform.Address, Search));
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    /// <summary>A client whose connections come from <paramref name="source"/>.</summary>
    private static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
