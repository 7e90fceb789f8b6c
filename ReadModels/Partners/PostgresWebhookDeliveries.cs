using System.Text.Json;
using Credit.Grains.Interfaces.Partners;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>The webhook subscriptions' durable memory in PostgreSQL, for their grains. A thousand subscriptions waking at once
/// (a start, a burst after a quiet spell) take turns on a few connections rather than one each: the pool, and the server's
/// connection limit, stay for the courts' writes and the readers.</summary>
public sealed class PostgresWebhookDeliveries(
    NpgsqlDataSource database, PartnerChangeWindow changes, WebhookPositions positions, WebhookSecretProtector secrets) : IWebhookDeliveries
{
    private const int Connections = 8;
    private readonly SemaphoreSlim turns = new(Connections, Connections);

    public async Task<WebhookSubscriptionState?> FindAsync(Guid subscription, CancellationToken cancellationToken = default)
    {
        await turns.WaitAsync(cancellationToken);
        try
        {
            return await FindInTurnAsync(subscription, cancellationToken);
        }
        finally
        {
            turns.Release();
        }
    }

    private async Task<WebhookSubscriptionState?> FindInTurnAsync(Guid subscription, CancellationToken cancellationToken)
    {
        var (state, stored) = await ReadAsync(subscription, cancellationToken);
        // After the reader is closed: its connection goes back to the pool once, and the rewrite takes one of its own.
        if (state is not null && secrets.NeedsRewrite(stored!))
            await RewriteSecretAsync(subscription, stored!, state.Secret, cancellationToken);
        return state;
    }

    private async Task<(WebhookSubscriptionState? State, string? Stored)> ReadAsync(Guid subscription, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT partner, url, secret, grant_fields, partner_filter, filter, position, failure,
                   EXISTS (SELECT FROM webhook_dead_letters d
                           WHERE d.subscription_id = s.id AND d.replay_requested_at IS NOT NULL AND d.replayed_at IS NULL)
            FROM webhook_subscriptions s WHERE id = $1 AND deleted_at IS NULL AND partner_active
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return (null, null);
        var fields = reader.GetFieldValue<string[]>(3).Select(f => Enum.TryParse<PartnerField>(f, out var field) ? field : (PartnerField?)null)
            .OfType<PartnerField>().ToHashSet();
        var stored = reader.GetString(2);
        return (new WebhookSubscriptionState(
            subscription, reader.GetString(0), new Uri(reader.GetString(1)), secrets.Unprotect(subscription, stored), fields,
            [JsonSerializer.Deserialize<PartnerFilter>(reader.GetString(4), PartnerJson.Options)!, JsonSerializer.Deserialize<PartnerFilter>(reader.GetString(5), PartnerJson.Options)!],
            reader.GetInt64(6),
            reader.IsDBNull(7) ? null : JsonSerializer.Deserialize<WebhookFailure>(reader.GetString(7), PartnerJson.Options),
            reader.GetBoolean(8)), stored);
    }

    /// <summary>Encrypts under the current key every secret still stored in clear (from before secrets were encrypted) or under
    /// an older key; how many. Run when the platform starts, so none waits for its subscription's next delivery.</summary>
    public async Task<int> RewriteSecretsAsync(CancellationToken cancellationToken = default)
    {
        var rewritten = 0;
        await using var command = database.CreateCommand("SELECT id, secret FROM webhook_subscriptions");
        var rows = new List<(Guid Id, string Stored)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        foreach (var (id, stored) in rows.Where(r => secrets.NeedsRewrite(r.Stored)))
            rewritten += await RewriteSecretAsync(id, stored, secrets.Unprotect(id, stored), cancellationToken);
        return rewritten;
    }

    /// <summary>Stores the secret encrypted under the current key, unless another reader did first.</summary>
    private async Task<int> RewriteSecretAsync(Guid subscription, string stored, string secret, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE webhook_subscriptions SET secret = $3 WHERE id = $1 AND secret = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        command.Parameters.Add(new NpgsqlParameter { Value = stored });
        command.Parameters.Add(new NpgsqlParameter { Value = secrets.Protect(subscription, secret) });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<PartnerChangeRow>> ChangesAfterAsync(long position, int limit, CancellationToken cancellationToken = default) =>
        changes.ChangesAfterAsync(position, limit, cancellationToken);

    public Task AdvanceAsync(Guid subscription, long position, CancellationToken cancellationToken = default)
    {
        positions.Advance(subscription, position);
        return Task.CompletedTask;
    }

    public async Task RecordFailureAsync(Guid subscription, WebhookFailure failure, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE webhook_subscriptions SET failure = $2::jsonb WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(failure, PartnerJson.Options) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ParkAsync(Guid subscription, long position, string messageId, string payload, WebhookFailure failure, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var park = new NpgsqlCommand("""
            INSERT INTO webhook_dead_letters (subscription_id, position, message_id, payload, attempts, first_failed_at, last_error)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (subscription_id, position) DO NOTHING
            """, connection, transaction))
        {
            foreach (var value in new object[] { subscription, position, messageId, payload, failure.Attempts, failure.FirstFailedAt, failure.Error })
                park.Parameters.Add(new NpgsqlParameter { Value = value });
            await park.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var advance = new NpgsqlCommand("UPDATE webhook_subscriptions SET position = greatest(position, $2), failure = NULL WHERE id = $1",
                         connection, transaction))
        {
            advance.Parameters.Add(new NpgsqlParameter { Value = subscription });
            advance.Parameters.Add(new NpgsqlParameter { Value = position });
            await advance.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookReplay>> ReplaysAsync(Guid subscription, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT position, message_id, payload FROM webhook_dead_letters
            WHERE subscription_id = $1 AND replay_requested_at IS NOT NULL AND replayed_at IS NULL ORDER BY position
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var replays = new List<WebhookReplay>();
        while (await reader.ReadAsync(cancellationToken))
            replays.Add(new WebhookReplay(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return replays;
    }

    public async Task ReplayedAsync(Guid subscription, long position, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE webhook_dead_letters SET replayed_at = now() WHERE subscription_id = $1 AND position = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = subscription });
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT id FROM webhook_subscriptions WHERE deleted_at IS NULL AND partner_active");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
            ids.Add(reader.GetGuid(0));
        return ids;
    }
}
