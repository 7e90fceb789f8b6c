using Npgsql;

namespace Credit.ReadModels.ApiKeys;

/// <summary>A screen operator's system as authenticated by its API key.</summary>
public sealed record ScreenOperatorIdentity(string Code, string Label);

/// <summary>Looks up screen operators' API keys (table screen_operator_keys).</summary>
public sealed class ScreenOperatorKeys(NpgsqlDataSource database, TimeProvider clock)
{
    private readonly ApiKeyCache<ScreenOperatorIdentity> cache = new(clock);

    public Task<ScreenOperatorIdentity?> FindAsync(string key, CancellationToken cancellationToken) => cache.FindAsync(key, async (hash, cancellation) =>
    {
        await using var command = database.CreateCommand("SELECT operator_code, label FROM screen_operator_keys WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? new ScreenOperatorIdentity(reader.GetString(0), reader.GetString(1)) : null;
    }, cancellationToken);

    public static async Task AddAsync(NpgsqlDataSource database, string operatorCode, string key, string label, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO screen_operator_keys (key_hash, operator_code, label) VALUES ($1, $2, $3) ON CONFLICT (key_hash) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = ApiKeyHash.Of(key) });
        command.Parameters.Add(new NpgsqlParameter { Value = operatorCode });
        command.Parameters.Add(new NpgsqlParameter { Value = label });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
