using System.Data.Common;
using Npgsql;

namespace Credit.Hosting.Storage;

/// <summary>How long a request path waits for PostgreSQL. A server that is stopped refuses at once, but one that hangs (a
/// stalled disk, a paused machine, a network partition) accepts the connection and never answers: with Npgsql's defaults
/// (15 s to connect, 30 s a statement) a public search of two statements took 60 s to answer its 503, past a proxy's usual
/// 60 s, and a court's write 32 s, past many clients' 30 s, so the clerk never saw the advice to retry with the same key.
/// Settings the operator put in the connection string are kept.</summary>
public static class PostgresTimeouts
{
    /// <summary>To open a connection: the handshake takes milliseconds even on a loaded machine.</summary>
    public const int ConnectSeconds = 5;

    /// <summary>A statement's wait for the server's next answer; every statement of a request path is short, and a long
    /// rebuild sets its own (none).</summary>
    public const int CommandSeconds = 15;

    public static string Bounded(string connectionString)
    {
        // The plain builder holds only the keys written; Npgsql's own answers true for every keyword it knows.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
            builder.Timeout = ConnectSeconds;
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
            builder.CommandTimeout = CommandSeconds;
        return builder.ConnectionString;
    }
}
