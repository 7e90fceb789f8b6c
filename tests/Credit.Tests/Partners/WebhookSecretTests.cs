using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using Npgsql;

namespace Credit.Tests.Partners;

/// <summary>Signing secrets at rest: encrypted in <c>webhook_subscriptions</c> under a key from the settings, never in clear;
/// a secret stored in clear before that keeps working and is encrypted on its first read.</summary>
[Collection(PartnerCollection.Name)]
public sealed class WebhookSecretTests(PartnerFixture fixture)
{
    private async Task<(Guid Id, string Secret)> SubscribeAsync(Uri url, string region)
    {
        var response = await fixture.App.PostAsJsonAsync("/api/v1/partners/app/webhooks",
            new JsonObject { ["url"] = url.ToString(), ["filter"] = new JsonObject { ["regions"] = new JsonArray(region) } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.JsonAsync();
        return (created.GetProperty("subscription").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private async Task<string> StoredSecretAsync(Guid subscription)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("SELECT secret FROM webhook_subscriptions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<WebhookReceiver.Received> DeliveredAsync(WebhookReceiver receiver, Guid listing)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (receiver.Delivered().FirstOrDefault(d => d.ListingId == listing) is { } delivered)
                return delivered;
            Assert.True(DateTime.UtcNow < deadline, "the event never arrived");
            await Task.Delay(100);
        }
    }

    private static void AssertNotInClear(string stored, string secret)
    {
        Assert.StartsWith("enc1:test:", stored);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        // Nor the key's bytes in another spelling.
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(secret["whsec_".Length..])), stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signing_secret_is_stored_encrypted_and_deliveries_verify_with_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = $"4401{Random.Shared.Next(10, 99)}";
        var (id, secret) = await SubscribeAsync(receiver.Url, region);

        AssertNotInClear(await StoredSecretAsync(id), secret);
        var (_, listing) = await fixture.ListAsync(region, "韩子");
        var delivered = await DeliveredAsync(receiver, listing);

        Assert.True(WebhookReceiver.VerifySignature(delivered, secret));
        AssertNotInClear(await StoredSecretAsync(id), secret);
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_secret_stored_in_clear_before_encryption_keeps_signing_and_is_encrypted_on_its_first_read()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var region = $"4401{Random.Shared.Next(10, 99)}";
        var (id, secret) = await SubscribeAsync(receiver.Url, region);
        // As a subscription made before secrets were encrypted has it.
        await using (var database = NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var command = database.CreateCommand("UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = secret });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        // Its grain reads the subscription again (as after a restart; here asked by a replay request with nothing to replay).
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.App.PostAsync($"/api/v1/partners/app/webhooks/{id}/dead-letters/replay", null)).StatusCode);

        var (_, listing) = await fixture.ListAsync(region, "杨丑");
        var delivered = await DeliveredAsync(receiver, listing);

        Assert.True(WebhookReceiver.VerifySignature(delivered, secret));
        AssertNotInClear(await StoredSecretAsync(id), secret);
        // And it still signs after the rewrite.
        var (_, later) = await fixture.ListAsync(region, "朱寅");
        Assert.True(WebhookReceiver.VerifySignature(await DeliveredAsync(receiver, later), secret));
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.DeleteAsync($"/api/v1/partners/app/webhooks/{id}")).StatusCode);
    }
}
