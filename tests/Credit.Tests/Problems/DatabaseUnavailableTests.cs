using Credit.Hosting.Storage;
using System.Net.Sockets;
using Credit.Api.Problems;
using Npgsql;
using Orleans.Runtime;

namespace Credit.Tests.Problems;

/// <summary>Which failures are the database being away (503, try again) and which are ours (500, fix the code).</summary>
public sealed class DatabaseUnavailableTests
{
    public static TheoryData<string, Exception> Unreachable => new()
    {
        { "no connection", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "a broken connection", new NpgsqlException("Exception while reading from stream", new IOException("end of stream")) },
        { "the server shutting down", new PostgresException("terminating connection due to unexpected postmaster exit", "FATAL", "FATAL", "57P01") },
        { "the server starting up", new PostgresException("the database system is not yet accepting connections", "FATAL", "FATAL", "57P03") },
        { "a connection failure", new PostgresException("connection failure", "FATAL", "FATAL", "08006") },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300") },
        { "a timeout", new TimeoutException("The operation has timed out.") },
        { "Orleans' storage on a broken connection", new OrleansException("Error from storage provider AdoNetGrainStorage.subject during WriteStateAsync", new NpgsqlException("Exception while writing to stream")) },
        { "a grain activation that could not read its state", new AggregateException(new OrleansException("Error from storage provider", new NpgsqlException("Failed to connect"))) },
        { "a write whose outcome was unknown", new Orleans.Storage.InconsistentStateException("ETag mismatch") },
        { "reminders before their table was read", new OrleansException("grain call failed", new ReminderException("Reminder Service is still initializing and it is taking a long time. Please retry again later.")) },
        { "a silo shutting down", new SiloUnavailableException("The target silo became unavailable") },
    };

    public static TheoryData<string, Exception> Ours => new()
    {
        { "a unique violation", new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505") },
        { "a syntax error", new PostgresException("syntax error at or near", "ERROR", "ERROR", "42601") },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "Orleans wrapping a bug", new OrleansException("grain call failed", new NullReferenceException()) },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void The_database_being_away_is_told_apart(string what, Exception failure) => Assert.True(DatabaseUnavailable.Is(failure), what);

    [Theory]
    [MemberData(nameof(Ours))]
    public void A_failure_of_ours_is_not_taken_for_an_outage(string what, Exception failure) => Assert.False(DatabaseUnavailable.Is(failure), what);
}
