using Credit.Hosting.Storage;
using Npgsql;

namespace Credit.Tests.Hosting;

/// <summary>A request path waits for a hanging PostgreSQL a few seconds, not Npgsql's 15 + 30, unless the operator said
/// otherwise in the connection string.</summary>
public sealed class PostgresTimeoutsTests
{
    [Fact]
    public void A_connection_string_without_timeouts_gets_the_platforms_short_ones()
    {
        var bounded = new NpgsqlConnectionStringBuilder(PostgresTimeouts.Bounded("Host=127.0.0.1;Port=5432;Username=credit;Database=credit"));

        Assert.Equal((PostgresTimeouts.ConnectSeconds, PostgresTimeouts.CommandSeconds), (bounded.Timeout, bounded.CommandTimeout));
        Assert.Equal(("127.0.0.1", "credit"), (bounded.Host, bounded.Database));
    }

    [Theory]
    [InlineData("Host=db;Timeout=30;Command Timeout=120", 30, 120)]
    [InlineData("Host=db;timeout=2;CommandTimeout=0", 2, 0)]
    public void Timeouts_the_operator_wrote_are_kept(string connectionString, int connect, int command)
    {
        var bounded = new NpgsqlConnectionStringBuilder(PostgresTimeouts.Bounded(connectionString));

        Assert.Equal((connect, command), (bounded.Timeout, bounded.CommandTimeout));
    }
}
