using Npgsql;

namespace Credit.ReadModels.Screens;

/// <summary>Where a channel's rotation stands: the period (of <see cref="PeriodSeconds"/> seconds since the Unix epoch) and the
/// ring point it starts at.</summary>
public sealed record RotationState(int PeriodSeconds, long Period, ulong Start);

/// <summary>The channels' stored rotation (table <c>screen_rotations</c>), so that every process shows the same sequence. It is
/// moved on by compare and set: of two processes that see a new period at once, one stores its start and the other reads it.</summary>
public sealed class ScreenRotations(NpgsqlDataSource database)
{
    public async Task<RotationState?> ReadAsync(string channel, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT period_seconds, period, start_point FROM screen_rotations WHERE channel = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = channel });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RotationState(reader.GetInt32(0), reader.GetInt64(1), unchecked((ulong)reader.GetInt64(2)))
            : null;
    }

    /// <summary>Stores <paramref name="next"/> if the stored state is still <paramref name="expected"/> (null: none stored yet);
    /// returns the state stored afterwards, this one or another process's.</summary>
    public async Task<RotationState> MoveAsync(string channel, RotationState? expected, RotationState next, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(expected is null
            ? """
              INSERT INTO screen_rotations (channel, period_seconds, period, start_point) VALUES ($1, $2, $3, $4)
              ON CONFLICT (channel) DO NOTHING
              """
            : """
              UPDATE screen_rotations SET period_seconds = $2, period = $3, start_point = $4, updated_at = now()
              WHERE channel = $1 AND period_seconds = $5 AND period = $6 AND start_point = $7
              """);
        command.Parameters.Add(new NpgsqlParameter { Value = channel });
        command.Parameters.Add(new NpgsqlParameter { Value = next.PeriodSeconds });
        command.Parameters.Add(new NpgsqlParameter { Value = next.Period });
        command.Parameters.Add(new NpgsqlParameter { Value = unchecked((long)next.Start) });
        if (expected is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = expected.PeriodSeconds });
            command.Parameters.Add(new NpgsqlParameter { Value = expected.Period });
            command.Parameters.Add(new NpgsqlParameter { Value = unchecked((long)expected.Start) });
        }
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
            return next;
        return await ReadAsync(channel, cancellationToken) ?? next;
    }
}
