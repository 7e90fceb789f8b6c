using System.Security.Cryptography;
using System.Text.Json;
using Credit.Grains.Interfaces.Partners;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>A webhook subscription as its partner sees it (never its secret, which is shown once, when it is created).</summary>
/// <param name="Position">The partners' change-log position delivered up to.</param>
/// <param name="FailingSince">When the event held up now first failed, while one is.</param>
/// <param name="Attempts">How many times that event has been tried.</param>
/// <param name="LastError">Why its last attempt failed.</param>
/// <param name="DeadLetters">Events parked after failing for the whole retry period and not yet replayed.</param>
public sealed record WebhookSubscription(
    Guid Id,
    Uri Url,
    PartnerFilter Filter,
    long Position,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FailingSince,
    int Attempts,
    string? LastError,
    int DeadLetters);

/// <summary>An event that failed for the whole retry period.</summary>
/// <param name="MessageId">Its webhook-id, the same as at every attempt and at a replay.</param>
/// <param name="Payload">The body as it was sent (JSON).</param>
/// <param name="ReplayRequestedAt">When the partner last asked to send it again, if it did and it was not yet delivered.</param>
public sealed record WebhookDeadLetter(
    long Position,
    string MessageId,
    string Payload,
    int Attempts,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset ParkedAt,
    string LastError,
    DateTimeOffset? ReplayRequestedAt,
    DateTimeOffset? ReplayedAt);

/// <summary>The partners' webhook subscriptions (<c>webhook_subscriptions</c>, <c>webhook_dead_letters</c>) as the API manages
/// them.</summary>
public sealed class WebhookSubscriptions(NpgsqlDataSource database, WebhookSecretProtector secrets)
{
    public const int MaximumPerPartner = 20;

    /// <summary>A new signing secret in the form Standard Webhooks gives: whsec_ and 32 random bytes in Base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a subscription (its secret stored encrypted, answered here in clear this once) that delivers what happens after the partners' change log's head now; null when the
    /// partner has <see cref="MaximumPerPartner"/> already.</summary>
    public async Task<(WebhookSubscription Subscription, string Secret)?> CreateAsync(string partner, Uri url, PartnerFilter filter,
        IReadOnlySet<PartnerField> fields, PartnerFilter partnerFilter, CancellationToken cancellationToken)
    {
        var secret = NewSecret();
        var id = Guid.CreateVersion7();
        await using var command = database.CreateCommand("""
            INSERT INTO webhook_subscriptions (id, partner, url, secret, filter, grant_fields, partner_filter, position)
            SELECT $1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, (SELECT last FROM partner_feed_head WHERE id = 1)
            WHERE (SELECT count(*) FROM webhook_subscriptions WHERE partner = $2 AND deleted_at IS NULL) < $8
            """);
        foreach (var value in new object[]
                 {
                     id, partner, url.ToString(), secrets.Protect(id, secret), JsonSerializer.Serialize(filter, PartnerJson.Options),
                     fields.Select(f => f.ToString()).Order(StringComparer.Ordinal).ToArray(), JsonSerializer.Serialize(partnerFilter, PartnerJson.Options),
                     MaximumPerPartner,
                 })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            return null;
        return (await FindAsync(partner, id, cancellationToken) ?? throw new InvalidOperationException("The subscription just stored is not there."), secret);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(string partner, CancellationToken cancellationToken) =>
        await ReadAsync("s.partner = $1", [partner], cancellationToken);

    public async Task<WebhookSubscription?> FindAsync(string partner, Guid id, CancellationToken cancellationToken) =>
        (await ReadAsync("s.partner = $1 AND s.id = $2", [partner, id], cancellationToken)).SingleOrDefault();

    /// <summary>Deletes the subscription (its grain stops at its next look); false when the partner has none with this id.</summary>
    public async Task<bool> DeleteAsync(string partner, Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE webhook_subscriptions SET deleted_at = now() WHERE partner = $1 AND id = $2 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = partner });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<WebhookDeadLetter>> DeadLettersAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT position, message_id, payload, attempts, first_failed_at, parked_at, last_error, replay_requested_at, replayed_at
            FROM webhook_dead_letters WHERE subscription_id = $1 ORDER BY position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<WebhookDeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new WebhookDeadLetter(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), At(reader, 4)!.Value,
                At(reader, 5)!.Value, reader.GetString(6), At(reader, 7), At(reader, 8)));
        }
        return letters;
    }

    /// <summary>Asks for the subscription's dead letters (all not yet replayed, or the one at <paramref name="position"/>) to
    /// be sent again; how many were asked for.</summary>
    public async Task<int> RequestReplayAsync(Guid id, long? position, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            UPDATE webhook_dead_letters SET replay_requested_at = now()
            WHERE subscription_id = $1 AND replayed_at IS NULL AND ($2::bigint IS NULL OR position = $2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = position });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Copies each partner's grant and filter, as the partner file says now, to its subscriptions, and suspends those
    /// of partners no longer in the file (or no longer allowed webhooks).</summary>
    public async Task SyncGrantsAsync(IReadOnlyList<(string Partner, IReadOnlySet<PartnerField> Fields, PartnerFilter Filter)> partners,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var suspend = new NpgsqlCommand("UPDATE webhook_subscriptions SET partner_active = false WHERE NOT (partner = ANY($1)) AND partner_active",
                         connection, transaction))
        {
            suspend.Parameters.Add(new NpgsqlParameter { Value = partners.Select(p => p.Partner).ToArray() });
            await suspend.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (partner, fields, filter) in partners)
        {
            await using var update = new NpgsqlCommand("""
                UPDATE webhook_subscriptions SET grant_fields = $2, partner_filter = $3::jsonb, partner_active = true
                WHERE partner = $1 AND (grant_fields <> $2 OR partner_filter <> $3::jsonb OR NOT partner_active)
                """, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = partner });
            update.Parameters.Add(new NpgsqlParameter { Value = fields.Select(f => f.ToString()).Order(StringComparer.Ordinal).ToArray() });
            update.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(filter, PartnerJson.Options) });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<List<WebhookSubscription>> ReadAsync(string condition, object[] values, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT s.id, s.url, s.filter, s.position, s.created_at, s.failure,
                   (SELECT count(*) FROM webhook_dead_letters d WHERE d.subscription_id = s.id AND d.replayed_at IS NULL)
            FROM webhook_subscriptions s WHERE {condition} AND s.deleted_at IS NULL ORDER BY s.created_at, s.id
            """);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var subscriptions = new List<WebhookSubscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var failure = reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<WebhookFailure>(reader.GetString(5), PartnerJson.Options);
            subscriptions.Add(new WebhookSubscription(reader.GetGuid(0), new Uri(reader.GetString(1)),
                JsonSerializer.Deserialize<PartnerFilter>(reader.GetString(2), PartnerJson.Options)!, reader.GetInt64(3), At(reader, 4)!.Value,
                failure?.FirstFailedAt, failure?.Attempts ?? 0, failure?.Error, (int)reader.GetInt64(6)));
        }
        return subscriptions;
    }

    private static DateTimeOffset? At(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc));
}
