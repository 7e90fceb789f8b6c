using Npgsql;

namespace Credit.Hosting.Storage;

/// <summary>The connections of the write path: the subject projection's and Orleans' grain state, in pools of their own. Their
/// statements are the same few thousands of times a second, so Npgsql prepares each on a connection once it has been used
/// twice there, and PostgreSQL stops parsing and planning them on every call; and a connection going back to the pool is
/// not reset, because these statements set nothing in the session (a reset, <c>DISCARD ALL</c>, would also throw the
/// prepared statements away). The public search keeps the shared data source: prepared, its name search could be given
/// one generic plan for every name, however common, which is far slower for some.</summary>
public sealed class WritePathDatabase(string connectionString) : IAsyncDisposable
{
    /// <summary>Statements kept prepared per connection: the projection's, grain state's and reminders' fit with room.</summary>
    private const int PreparedPerConnection = 64;

    /// <summary>The connection string of the write path's pools, for Orleans' grain storage and for <see cref="Source"/>.</summary>
    public string ConnectionString { get; } = For(connectionString);

    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(For(connectionString));

    public static string For(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        MaxAutoPrepare = PreparedPerConnection,
        AutoPrepareMinUsages = 2,
        NoResetOnClose = true,
    }.ConnectionString;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
