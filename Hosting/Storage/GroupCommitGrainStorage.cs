using System.Globalization;
using System.Text;
using Credit.ReadModels.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Credit.Hosting.Storage;

/// <summary>Orleans' ADO.NET grain storage whose writes of string-keyed grains are committed in groups: the writes that
/// grains ask for at about the same time go into one transaction (one round trip, one commit, one write-ahead-log flush),
/// as the subject projection does (<c>GroupCommitProjection</c>). Each write is the provider's own <c>WriteToStorage</c>
/// (0003_orleans_persistence.sql) with the parameters the provider would pass (its hasher, the grain's key as
/// <c>GrainIdExtensionString</c>, the state's name as <c>GrainTypeString</c>), so a state is stored in the same row, with
/// the same version as its ETag, and a stale ETag is refused the same way (<see cref="InconsistentStateException"/>);
/// reads, clears and any other key go to the provider itself. A grain's write ends once its transaction committed. When a
/// transaction of several fails, each of its writes is tried again alone, so that a failure is its own grain's.</summary>
public sealed partial class GroupCommitGrainStorage(
    string name, AdoNetGrainStorage provider, IGrainStorageSerializer serializer, string serviceId, NpgsqlDataSource database,
    ILogger<GroupCommitGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>Writes per transaction at most.</summary>
    public const int MaxWrites = 64;

    /// <summary>Transactions in flight at once: one is being sent while another waits for its commit's flush.</summary>
    public const int Writers = 2;

    private readonly GroupCommit<Write, int?> groups = new(writes => WriteTogetherAsync(database, serviceId, writes),
        write => (write.StateName, write.Key), (error, count) => LogGroupFailed(logger, error, count), MaxWrites, Writers);
    private int disposed;

    public void Participate(ISiloLifecycle lifecycle) => ((ILifecycleParticipant<ISiloLifecycle>)provider).Participate(lifecycle);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The provider's other key shapes (integer and Guid keys, generic state types) stay the provider's.
        if (grainId.TryGetGuidKey(out _, out _) || grainId.TryGetIntegerKey(out _, out _) || stateName.Contains('`', StringComparison.Ordinal))
        {
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var key = grainId.Key.ToString()!;
        var hasher = provider.HashPicker.PickHasher(serviceId, name, stateName, grainId, grainState)
            ?? throw new InvalidOperationException($"grain storage {name} has no hasher for {stateName}");
        // The provider hashes a string key's UTF-8 bytes in reverse order on little-endian machines.
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(keyBytes);
        int? version = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var write = new Write(hasher.Hash(keyBytes), hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName, key, version,
            serializer.Serialize(grainState.State).ToArray());

        var stored = await groups.CommitAsync(write);
        // As the provider: no row written (its version unchanged, or none) means another activation wrote first.
        if (stored is null || stored == version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={key} ETag={grainState.ETag}.");
        }
        grainState.ETag = stored.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>The writes in one transaction, in the order of their keys (two groups never wait for each other in a
    /// circle); each write's stored version, in the order given.</summary>
    private static async Task<IReadOnlyList<int?>> WriteTogetherAsync(NpgsqlDataSource database, string serviceId, IReadOnlyList<Write> writes)
    {
        var ordered = writes.OrderBy(w => w.StateName, StringComparer.Ordinal).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = ordered.Count > 1 ? await connection.BeginTransactionAsync() : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in ordered)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT NewGrainStateVersion FROM WriteToStorage($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            {
                Parameters =
                {
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = write.GrainIdHash },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = 0L },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = 0L },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = write.GrainTypeHash },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = write.StateName },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = write.Key },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = serviceId },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = write.Version is { } v ? v : DBNull.Value },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = write.Payload },
                },
            });
        }
        var stored = new int?[ordered.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0)
                    await reader.NextResultAsync();
                stored[i] = await reader.ReadAsync() && !reader.IsDBNull(0) ? reader.GetInt32(0) : null;
            }
        }
        if (transaction is not null)
            await transaction.CommitAsync();
        // One write per key in a group, so a write is found by its key.
        return [.. writes.Select(write => stored[ordered.FindIndex(o => o.StateName == write.StateName && o.Key == write.Key)])];
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration that hands it out (the storage and its lifecycle participant).
        if (Interlocked.Exchange(ref disposed, 1) == 0)
            await groups.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} grain states together failed; each is written alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception error, int count);

    private sealed record Write(int GrainIdHash, int GrainTypeHash, string StateName, string Key, int? Version, byte[] Payload);
}
