using System.Net.Sockets;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Credit.Hosting.Storage;

/// <summary>Tells a failure because PostgreSQL could not be reached (refused or broken connections, timeouts, a server
/// shutting down or starting up, Orleans' storage failing on any of these, and Orleans' reminders or messaging not ready)
/// from a failure of ours.</summary>
public static class DatabaseUnavailable
{
    public static bool Is(Exception exception) => Cause(exception) is not null;

    /// <summary>The exception in <paramref name="exception"/>'s chain that says the database could not be reached.</summary>
    public static Exception? Cause(Exception exception)
    {
        foreach (var candidate in Chain(exception))
        {
            switch (candidate)
            {
                case PostgresException postgres when Unreachable(postgres.SqlState):
                    return postgres;
                // Any other answer of the server is a failure of ours (a constraint, a syntax error), not an outage.
                case PostgresException:
                    break;
                // Without a server's answer: could not connect, the connection broke, a timeout, an exhausted pool.
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                // The stored state changed under a write whose outcome was not known (the connection broke as it
                // committed); the grain has let go of its copy and reads the stored one on the next request.
                case InconsistentStateException:
                // Orleans refuses reminder registrations until it has read the reminder table, which is in PostgreSQL,
                // since the silo started; a silo shutting down or overloaded rejects calls. Both pass in seconds.
                case ReminderException:
                case OrleansMessageRejectionException:
                    return candidate;
                // An exception Orleans could not rebuild on this side of a grain call (an API that is only a client).
                case UnavailableExceptionFallbackException fallback when fallback.ExceptionType is { } type
                    && (type.StartsWith("Npgsql.", StringComparison.Ordinal) || type.EndsWith(".SocketException", StringComparison.Ordinal)
                        || type.EndsWith(".TimeoutException", StringComparison.Ordinal)):
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Class 08 (connection exception); the server shutting down, crashed or starting up (57P01-57P03);
    /// too many connections (53300).</summary>
    private static bool Unreachable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03" or "53300";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        for (var seen = 0; pending.Count > 0 && seen < 32; seen++)
        {
            var next = pending.Pop();
            yield return next;
            if (next is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            }
            else if (next.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
