using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>An exposure partner's system as authenticated by its API key.</summary>
public sealed record PartnerIdentity(string Code, string Label);

/// <summary>Looks up exposure partners' API keys (table partner_keys).</summary>
public sealed class PartnerKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private readonly ApiKeyCache<PartnerIdentity> cache = new(clock);

    public Task<PartnerIdentity?> FindAsync(string key, CancellationToken cancellationToken) => cache.FindAsync(key, async (hash, cancellation) =>
    {
        await using var command = database.CreateCommand("SELECT partner_code, label FROM partner_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? new PartnerIdentity(reader.GetString(0), reader.GetString(1)) : null;
    }, cancellationToken);

    public static async Task AddAsync(NpgsqlDataSource database, string partnerCode, string key, string label, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO partner_keys (key_hash, partner_code, label) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeyHash.Of(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = partnerCode });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
