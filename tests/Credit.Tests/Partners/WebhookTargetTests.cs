using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Partners;

/// <summary>Where webhooks may go: https to public addresses, checked when a subscription is registered and again before each
/// connection; plain http and internal addresses only for hosts in the allow-list (the fixture's: 127.0.0.1); no redirect
/// followed.</summary>
[Collection(PartnerCollection.Name)]
public sealed class WebhookTargetTests(PartnerFixture fixture)
{
    private async Task<HttpResponseMessage> SubscribeAsync(string url) =>
        await fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks", new JsonObject { ["url"] = url });

    private async Task<int> SubscriptionCountAsync() =>
        (await (await fixture.App.GetAsync("/api/v1/partners/app/webhooks")).JsonAsync()).GetArrayLength();

    private static string Rule(JsonElement problem) => string.Join(" | ", problem.GetProperty("errors").GetProperty("url").EnumerateArray().Select(e => e.GetString()));

    [Theory]
    [InlineData("https://127.0.0.2/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://10.1.2.3/hook", "private")]
    [InlineData("https://172.16.0.1/hook", "private")]
    [InlineData("https://172.31.255.254/hook", "private")]
    [InlineData("https://192.168.1.1/hook", "private")]
    [InlineData("https://[fd12:3456::1]/hook", "private")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://[::]/hook", "unspecified")]
    [InlineData("https://224.0.0.1/hook", "multicast")]
    [InlineData("https://[ff02::1]/hook", "multicast")]
    [InlineData("https://100.64.0.1/hook", "CGNAT")]
    [InlineData("https://100.127.255.254/hook", "CGNAT")]
    public async Task A_url_at_an_internal_address_is_refused_naming_url_and_the_rule(string url, string kind)
    {
        var before = await SubscriptionCountAsync();

        var response = await SubscribeAsync(url);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "url");
        Assert.Contains(kind, Rule(problem), StringComparison.Ordinal);
        Assert.Equal(before, await SubscriptionCountAsync());
    }

    [Fact]
    public async Task A_url_must_be_https_unless_its_host_is_allow_listed()
    {
        var plain = await SubscribeAsync("http://93.184.216.34/hook");
        var problem = await ProblemAssert.IsProblem(plain, HttpStatusCode.BadRequest, "url");
        Assert.Contains("https", Rule(problem), StringComparison.Ordinal);

        // The same public address over https is accepted...
        var secure = await SubscribeAsync("https://93.184.216.34/hook");
        Assert.True(secure.StatusCode == HttpStatusCode.Created, await secure.Content.ReadAsStringAsync());
        var id = (await secure.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);

        // ...and so is the allow-listed loopback address, over plain http, but not another name for it.
        await using var receiver = await WebhookReceiver.StartAsync();
        var allowed = await SubscribeAsync(receiver.Url.ToString());
        Assert.True(allowed.StatusCode == HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
        id = (await allowed.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);
        var otherName = await SubscribeAsync($"http://localhost:{receiver.Url.Port}/hook");
        await ProblemAssert.IsProblem(otherName, HttpStatusCode.BadRequest, "url");
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused()
    {
        var response = await SubscribeAsync("https://no-such-host.invalid/hook");

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "url");
        Assert.Contains("resolve", Rule(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_re_pointed_at_an_internal_address_after_registration_is_refused_before_connecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = $"4401{Random.Shared.Next(10, 99)}";
        var created = await fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks",
            new JsonObject { ["url"] = receiver.Url.ToString(), ["filter"] = new JsonObject { ["regions"] = new JsonArray(region) } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();
        // As if the partner's DNS now answered loopback: the stored host is one that resolves to it and is not allow-listed.
        await SetUrlAsync(id, $"http://localhost:{receiver.Url.Port}/hook");
        await RefreshAsync(id);

        var (_, listing) = await fixture.ListAsync(region, "蒋壬");

        var error = await LastErrorWhenAsync(id, e => e is not null);
        Assert.Contains("loopback", error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
        // The event waited: once the URL is one the platform may reach again, it is delivered.
        await SetUrlAsync(id, receiver.Url.ToString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!receiver.Delivered().Any(d => d.ListingId == listing))
        {
            Assert.True(DateTime.UtcNow < deadline, "the event never arrived after the URL was set back");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = $"4401{Random.Shared.Next(10, 99)}";
        var created = await fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks",
            new JsonObject { ["url"] = receiver.RedirectingUrl.ToString(), ["filter"] = new JsonObject { ["regions"] = new JsonArray(region) } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("subscription").GetProperty("id").GetGuid();

        await fixture.ListAsync(region, "沈癸");

        Assert.Equal("HTTP 307", await LastErrorWhenAsync(id, e => e is not null));
        Assert.Empty(receiver.Requests);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);
    }

    /// <summary>Has the subscription's grain read the subscription again (a replay request, with nothing to replay, does that).</summary>
    private async Task RefreshAsync(Guid subscription) =>
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.App.PostAsync($"/api/v1/partners/app/webhooks/{subscription}/dead-letters/replay", null)).StatusCode);

    private async Task SetUrlAsync(Guid subscription, string url)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("UPDATE webhook_subscriptions SET url = $2 WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        command.Parameters.Add(new NpgsqlParameter { Value = url });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<string> LastErrorWhenAsync(Guid subscription, Func<string?, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = await (await fixture.App.GetAsync($"/api/v1/partners/app/webhooks/{subscription}")).JsonAsync();
            var error = found.TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (done(error))
                return error!;
            Assert.True(DateTime.UtcNow < deadline, $"the subscription never failed as expected: {found}");
            await Task.Delay(100);
        }
    }
}
