using Npgsql;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Work that one process at a time may do, across every API instance and operator command: a
/// PostgreSQL session advisory lock on a dedicated connection. If that connection dies, the lock goes with
/// it and another process takes over. Used so that one indexer follows the change log into an alias (two
/// at once would be correct, external versions and a compare-and-set checkpoint see to that, only
/// wasteful), and so that rebuilds never overlap (two at once could leave the alias on two indexes).</summary>
public sealed class PostgresLease : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly string name;

    private PostgresLease(NpgsqlConnection connection, string name)
    {
        this.connection = connection;
        this.name = name;
    }

    public bool IsHeld => connection.FullState == System.Data.ConnectionState.Open;

    /// <summary>Waits until this process holds the lease named <paramref name="name"/>, trying again every <paramref name="retry"/>.</summary>
    public static async Task<PostgresLease> AcquireAsync(NpgsqlDataSource database, string name, TimeSpan retry, TimeProvider clock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = await database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                    return new PostgresLease(connection, name);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
            await connection.DisposeAsync();
            await Task.Delay(retry, clock, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsHeld)
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended($1, 0))", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                await command.ExecuteScalarAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The session is gone, and its lock with it.
        }
        await connection.DisposeAsync();
    }
}
