using System.Globalization;
using System.Text;
using System.Threading.Channels;
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

    private readonly Channel<Write> waiting = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource stopping = new();
    private Task[]? writers;
    private int started;
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

        if (Interlocked.Exchange(ref started, 1) == 0)
            writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
        if (!waiting.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(GroupCommitGrainStorage));
        var stored = await write.Done.Task;
        // As the provider: no row written (its version unchanged, or none) means another activation wrote first.
        if (stored is null || stored == version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={key} ETag={grainState.ETag}.");
        }
        grainState.ETag = stored.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    private async Task WriteAsync()
    {
        // A state asked to be written twice before a writer came (two activations of a grain) goes in the next transaction.
        var later = new Queue<Write>();
        try
        {
            while (later.Count > 0 || await waiting.Reader.WaitToReadAsync(stopping.Token))
            {
                var batch = new List<Write>();
                var keys = new HashSet<(string, string)>();
                var deferred = new Queue<Write>();
                while (batch.Count < MaxWrites && (later.TryDequeue(out var write) || waiting.Reader.TryRead(out write)))
                {
                    if (keys.Add((write.StateName, write.Key)))
                        batch.Add(write);
                    else
                        deferred.Enqueue(write);
                }
                foreach (var write in deferred)
                    later.Enqueue(write);
                if (batch.Count > 0)
                    await CommitAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever still waits is failed below.
        }
        foreach (var write in later)
            write.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitGrainStorage)));
    }

    private async Task CommitAsync(List<Write> batch)
    {
        try
        {
            await WriteTogetherAsync(batch);
            return;
        }
        catch (Exception error) when (batch.Count > 1)
        {
            LogGroupFailed(error, batch.Count);
        }
        catch (Exception error)
        {
            batch[0].Done.TrySetException(error);
            return;
        }
        await Task.WhenAll(batch.Select(async write =>
        {
            try
            {
                await WriteTogetherAsync([write]);
            }
            catch (Exception error)
            {
                write.Done.TrySetException(error);
            }
        }));
    }

    /// <summary>The writes in one transaction, in the order of their keys (two groups never wait for each other in a
    /// circle); sets each write's stored version once committed.</summary>
    private async Task WriteTogetherAsync(List<Write> writes)
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
        for (var i = 0; i < ordered.Count; i++)
            ordered[i].Done.TrySetResult(stored[i]);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes it once per registration that hands it out (the storage and its lifecycle participant).
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        waiting.Writer.TryComplete();
        await stopping.CancelAsync();
        if (writers is { } running)
            await Task.WhenAll(running);
        while (waiting.Reader.TryRead(out var write))
            write.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitGrainStorage)));
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} grain states together failed; each is written alone")]
    private partial void LogGroupFailed(Exception error, int count);

    private sealed record Write(int GrainIdHash, int GrainTypeHash, string StateName, string Key, int? Version, byte[] Payload)
    {
        public TaskCompletionSource<int?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
