using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>An agency system as authenticated by its API key; <see cref="Unit"/> is the unit the key belongs to, or null for
/// an agency without units.</summary>
public sealed record AgencyIdentity(string Code, string? Unit, string Label);

/// <summary>Looks up agency API keys (table agency_api_keys).</summary>
public sealed class AgencyKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private readonly ApiKeyCache<AgencyIdentity> cache = new(clock);

    public Task<AgencyIdentity?> FindAsync(string key, CancellationToken cancellationToken) => cache.FindAsync(key, async (hash, cancellation) =>
    {
        await using var command = database.CreateCommand("SELECT agency_code, unit_code, label FROM agency_api_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
            return null;
        var unit = reader.GetString(1);
        return new AgencyIdentity(reader.GetString(0), unit.Length == 0 ? null : unit, reader.GetString(2));
    }, cancellationToken);

    /// <summary>Adds a key for <paramref name="agencyCode"/>, or for its unit <paramref name="unitCode"/>.</summary>
    public static async Task AddAsync(NpgsqlDataSource database, string agencyCode, string key, string label, CancellationToken cancellationToken = default,
        string? unitCode = null)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO agency_api_keys (key_hash, agency_code, unit_code, label) VALUES ($1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeyHash.Of(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = agencyCode });
        command.Parameters.Add(new NpgsqlParameter { Value = unitCode ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
