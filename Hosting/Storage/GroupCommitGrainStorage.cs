using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Credit.ReadModels.Postgres;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Credit.Hosting.Storage;

/// <summary>Orleans' ADO.NET grain storage whose reads and writes of string-keyed grains are made in groups: the writes that
/// grains ask for at about the same time go into one transaction (one round trip, one commit, one write-ahead-log flush),
/// as the subject projection does (<c>GroupCommitProjection</c>), and the reads of grains being activated at about the same
/// time go into one statement. A group's writes are two statements over all of them (new states inserted, the others
/// updated) that follow the rules of the provider's own <c>WriteToStorage</c> (0003_orleans_persistence.sql) with the
/// values the provider would pass (its hasher, the grain's key as <c>GrainIdExtensionString</c>, the state's name as
/// <c>GrainTypeString</c>), so a state is stored in the same row, with the same version as its ETag, and a stale ETag is
/// refused the same way (<see cref="InconsistentStateException"/>); a read finds that row by the same columns as the
/// provider's <c>ReadFromStorage</c> and fills the grain's state as the provider does. Clears and any other key go to the
/// provider itself. A grain's write ends once its transaction committed. When a group fails, each of its reads or writes
/// is tried again alone, so that a failure is its own grain's.</summary>
public sealed partial class GroupCommitGrainStorage(
    string name, AdoNetGrainStorage provider, IGrainStorageSerializer serializer, IActivatorProvider activators, string serviceId,
    NpgsqlDataSource database, ILogger<GroupCommitGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    /// <summary>Writes per transaction at most.</summary>
    public const int MaxWrites = 128;

    /// <summary>Transactions in flight at once: one is being sent while another waits for its commit's flush.</summary>
    public const int Writers = 2;

    /// <summary>Reads per statement at most, and statements in flight at once.</summary>
    public const int MaxReads = 128, Readers = 2;

    private readonly GroupCommit<Write, int?> groups = new(writes => WriteTogetherAsync(database, serviceId, writes),
        write => (write.StateName, write.Key), (error, count) => LogGroupFailed(logger, error, count), MaxWrites, Writers);
    private readonly GroupCommit<Identity, Stored?> reads = new(keys => ReadTogetherAsync(database, serviceId, keys),
        read => (read.StateName, read.Key), (error, count) => LogReadGroupFailed(logger, error, count), MaxReads, Readers);
    private int disposed;

    public void Participate(ISiloLifecycle lifecycle) => ((ILifecycleParticipant<ISiloLifecycle>)provider).Participate(lifecycle);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!Grouped(stateName, grainId))
        {
            await provider.ReadStateAsync(stateName, grainId, grainState);
            return;
        }
        var stored = await reads.CommitAsync(Identify(stateName, grainId, grainState));
        // As the provider: a row without a payload (cleared) still exists and keeps its version; no state read is a new one.
        var state = stored?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : default;
        grainState.State = state ?? activators.GetActivator<T>().Create();
        grainState.ETag = stored?.Version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored is not null;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!Grouped(stateName, grainId))
        {
            await provider.WriteStateAsync(stateName, grainId, grainState);
            return;
        }
        var identity = Identify(stateName, grainId, grainState);
        var key = identity.Key;
        int? version = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var write = new Write(identity.GrainIdHash, identity.GrainTypeHash, stateName, key, version, Bytes(serializer.Serialize(grainState.State)));

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

    /// <summary>The provider's other key shapes (integer and Guid keys, generic state types) stay the provider's.</summary>
    private static bool Grouped(string stateName, GrainId grainId) =>
        !grainId.TryGetGuidKey(out _, out _) && !grainId.TryGetIntegerKey(out _, out _) && !stateName.Contains('`', StringComparison.Ordinal);

    /// <summary>The row's identity as the provider computes it for a string key.</summary>
    private Identity Identify<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        var hasher = provider.HashPicker.PickHasher(serviceId, name, stateName, grainId, grainState)
            ?? throw new InvalidOperationException($"grain storage {name} has no hasher for {stateName}");
        // The provider hashes a string key's UTF-8 bytes in reverse order on little-endian machines.
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(keyBytes);
        return new Identity(hasher.Hash(keyBytes), hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName, key);
    }

    /// <summary>The rows of the grains in one statement, by the columns the provider's <c>ReadFromStorage</c> compares (a
    /// string key has 0 in both numeric key columns); each grain's row or null, in the order given. The subquery per grain
    /// (kept one by its LIMIT) is an index lookup each: as a plain join, the prepared statement's generic plan read the whole
    /// table.</summary>
    private static async Task<IReadOnlyList<Stored?>> ReadTogetherAsync(NpgsqlDataSource database, string serviceId, IReadOnlyList<Identity> grains)
    {
        await using var command = database.CreateCommand("""
            SELECT k.i, s.PayloadBinary, s.Version
              FROM unnest($1::integer[], $2::integer[], $3::varchar[], $4::varchar[]) WITH ORDINALITY AS k(id_hash, type_hash, type_name, grain_key, i)
              CROSS JOIN LATERAL (
                  SELECT PayloadBinary, Version FROM OrleansStorage
                   WHERE GrainIdHash = k.id_hash AND GrainTypeHash = k.type_hash AND GrainIdN0 = 0 AND GrainIdN1 = 0
                     AND GrainTypeString = k.type_name AND GrainIdExtensionString = k.grain_key AND ServiceId = $5
                   LIMIT 2) s
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grains.Select(g => g.GrainIdHash).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = grains.Select(g => g.GrainTypeHash).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = grains.Select(g => g.StateName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = grains.Select(g => g.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        var found = new Stored?[grains.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var i = (int)reader.GetInt64(0) - 1;
            if (found[i] is not null)
                throw new InvalidOperationException($"Two stored rows for {grains[i].StateName} {grains[i].Key}");
            found[i] = new Stored(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2));
        }
        return found;
    }

    /// <summary>The writes in one transaction of at most two statements, each over the whole group: the new states in one
    /// <c>INSERT</c>, the others in one <c>UPDATE</c>, with the rules of the provider's <c>WriteToStorage</c>
    /// (0003_orleans_persistence.sql): a new state is stored with version 1 unless its row exists, a state with a version
    /// replaces the row still at that version with the next one. Each write's stored version or null (nothing written), in
    /// the order given.</summary>
    /// <remarks>Two groups never wait for each other in a circle. Both statements take the group's rows in the order of
    /// their keys (the arrays are sorted, and <c>unnest</c> drives each statement row by row in that order), and the
    /// inserts come first: an insert waits only for a transaction that inserted or updated the same key and has not yet
    /// committed, an update's <c>FOR UPDATE</c> only for one that updated that row. A transaction still inserting has
    /// updated nothing (its updates come later) and its new rows are invisible to others' updates, so no update ever waits
    /// for it; and among transactions at the same step each waits only for one that already holds a later key of that
    /// step. Every wait therefore goes to a transaction further on, never back round. (Were it otherwise, PostgreSQL
    /// would end the circle and the group would be written again one grain at a time.)</remarks>
    private static async Task<IReadOnlyList<int?>> WriteTogetherAsync(NpgsqlDataSource database, string serviceId, IReadOnlyList<Write> writes)
    {
        var ordered = writes.OrderBy(w => w.StateName, StringComparer.Ordinal).ThenBy(w => w.Key, StringComparer.Ordinal).ToList();
        var inserts = ordered.Where(w => w.Version is null).ToList();
        var updates = ordered.Where(w => w.Version is not null).ToList();
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = inserts.Count > 0 && updates.Count > 0 ? await connection.BeginTransactionAsync() : null;
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (inserts.Count > 0)
            batch.BatchCommands.Add(Insert(serviceId, inserts));
        if (updates.Count > 0)
            batch.BatchCommands.Add(Update(serviceId, updates));

        var stored = new Dictionary<(string StateName, string Key), int>();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            if (inserts.Count > 0)
            {
                while (await reader.ReadAsync())
                    stored.Add((reader.GetString(0), reader.GetString(1)), 1);
                await reader.NextResultAsync();
            }
            if (updates.Count > 0)
            {
                while (await reader.ReadAsync())
                {
                    var update = updates[(int)reader.GetInt64(0) - 1];
                    stored.Add((update.StateName, update.Key), reader.GetInt32(1));
                }
            }
        }
        if (transaction is not null)
            await transaction.CommitAsync();
        // One write per key in a group, so a write is found by its key.
        return [.. writes.Select(write => stored.TryGetValue((write.StateName, write.Key), out var version) ? version : (int?)null)];
    }

    /// <summary>The new states, each stored with version 1 unless its row exists (the unique identity index); returns the
    /// identity of each row stored.</summary>
    private static NpgsqlBatchCommand Insert(string serviceId, List<Write> inserts) => new("""
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT k.id_hash, 0, 0, k.type_hash, k.type_name, k.grain_key, $6, k.payload, now(), 1
          FROM unnest($1::integer[], $2::integer[], $3::varchar[], $4::varchar[], $5::bytea[]) WITH ORDINALITY AS k(id_hash, type_hash, type_name, grain_key, payload, i)
         ORDER BY k.i
        ON CONFLICT DO NOTHING
        RETURNING GrainTypeString, GrainIdExtensionString
        """)
    {
        Parameters =
        {
            ArrayParameter.Of(NpgsqlDbType.Integer, inserts.Select(w => w.GrainIdHash)),
            ArrayParameter.Of(NpgsqlDbType.Integer, inserts.Select(w => w.GrainTypeHash)),
            ArrayParameter.Of(NpgsqlDbType.Varchar, inserts.Select(w => w.StateName)),
            ArrayParameter.Of(NpgsqlDbType.Varchar, inserts.Select(w => w.Key)),
            ArrayParameter.Of(NpgsqlDbType.Bytea, inserts.Select(w => w.Payload)),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = serviceId },
        },
    };

    /// <summary>The states with a version, each replacing its row if that row is still at the version; returns the write's
    /// position (from 1) and its new version for each row replaced. The row is found and locked by a subquery per write
    /// (kept one by its <c>FOR UPDATE</c>), an index lookup each in the order of the writes, then replaced by its
    /// <c>ctid</c>: as a plain join, the prepared statement's generic plan could read the whole table and lock in the
    /// table's order. A row another transaction replaced meanwhile no longer has the version, so it is left alone.</summary>
    private static NpgsqlBatchCommand Update(string serviceId, List<Write> updates) => new("""
        UPDATE OrleansStorage AS s
           SET PayloadBinary = l.payload, ModifiedOn = now(), Version = s.Version + 1
          FROM (SELECT k.i, k.payload, t.ctid AS row
                  FROM unnest($1::integer[], $2::integer[], $3::varchar[], $4::varchar[], $5::integer[], $6::bytea[])
                       WITH ORDINALITY AS k(id_hash, type_hash, type_name, grain_key, version, payload, i)
                 CROSS JOIN LATERAL (
                       SELECT ctid FROM OrleansStorage
                        WHERE GrainIdHash = k.id_hash AND GrainTypeHash = k.type_hash AND GrainIdN0 = 0 AND GrainIdN1 = 0
                          AND GrainTypeString = k.type_name AND GrainIdExtensionString IS NOT DISTINCT FROM k.grain_key
                          AND ServiceId = $7 AND Version = k.version
                          FOR UPDATE) AS t) AS l
         WHERE s.ctid = l.row
        RETURNING l.i, s.Version
        """)
    {
        Parameters =
        {
            ArrayParameter.Of(NpgsqlDbType.Integer, updates.Select(w => w.GrainIdHash)),
            ArrayParameter.Of(NpgsqlDbType.Integer, updates.Select(w => w.GrainTypeHash)),
            ArrayParameter.Of(NpgsqlDbType.Varchar, updates.Select(w => w.StateName)),
            ArrayParameter.Of(NpgsqlDbType.Varchar, updates.Select(w => w.Key)),
            ArrayParameter.Of(NpgsqlDbType.Integer, updates.Select(w => w.Version!.Value)),
            ArrayParameter.Of(NpgsqlDbType.Bytea, updates.Select(w => w.Payload)),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = serviceId },
        },
    };

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration that hands it out (the storage and its lifecycle participant).
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await groups.DisposeAsync();
            await reads.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} grain states together failed; each is written alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Count} grain states together failed; each is read alone")]
    private static partial void LogReadGroupFailed(ILogger logger, Exception error, int count);

    private sealed record Identity(int GrainIdHash, int GrainTypeHash, string StateName, string Key);

    /// <summary>The serialized state's bytes: the serializer's own array when it fills one exactly (System.Text.Json's does),
    /// a copy otherwise. A state is a few kilobytes, and the copy was the largest single allocation of a bulk job.</summary>
    private static byte[] Bytes(BinaryData serialized) =>
        MemoryMarshal.TryGetArray(serialized.ToMemory(), out var segment) && segment is { Array: { } array, Offset: 0 } && segment.Count == array.Length
            ? array
            : serialized.ToArray();

    private sealed record Stored(byte[]? Payload, int? Version);

    private sealed record Write(int GrainIdHash, int GrainTypeHash, string StateName, string Key, int? Version, byte[] Payload);
}
