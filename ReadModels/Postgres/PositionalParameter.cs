using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Postgres;

public static class PositionalParameter
{
    /// <summary>A $n parameter; a null is sent untyped, so PostgreSQL takes the column's type.</summary>
    public static NpgsqlParameter For(object? value) =>
        value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown } : new NpgsqlParameter { Value = value };
}
