using Npgsql;

namespace Credit.Hosting.Storage;

/// <summary>Empties every connection pool the platform draws PostgreSQL connections from. A pool hands out an idle
/// connection without asking the server whether it still lives (a round trip on every request would cost too much),
/// so after the server went away each idle connection fails the one request that gets it. Emptied when the server is
/// found gone and again when it is back, the first request after an outage gets a new connection.</summary>
public sealed class PostgresPools(NpgsqlDataSource database, WritePathDatabase writePath, string connectionString)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private long lastCleared;

    /// <summary>Our own data sources, and the pools Npgsql keeps for the connection strings themselves, which is where Orleans'
    /// ADO.NET providers open theirs (reminders and membership on the plain one, grain state on the write path's).</summary>
    public void Clear()
    {
        Interlocked.Exchange(ref lastCleared, Environment.TickCount64);
        database.Clear();
        writePath.Source.Clear();
        using var orleans = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(orleans);
        using var grainState = new NpgsqlConnection(writePath.ConnectionString);
        NpgsqlConnection.ClearPool(grainState);
    }

    /// <summary>After a request failed on a broken connection: the others in the pool are broken too, most likely.
    /// At most once a second, so that a stream of failing requests does not keep closing the new connections.</summary>
    public void ClearAfterFailure()
    {
        var last = Interlocked.Read(ref lastCleared);
        if (Environment.TickCount64 - last >= Quiet.TotalMilliseconds && Interlocked.CompareExchange(ref lastCleared, Environment.TickCount64, last) == last)
            Clear();
    }
}
