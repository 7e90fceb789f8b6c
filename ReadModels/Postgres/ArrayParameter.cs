using Npgsql;
using NpgsqlTypes;

namespace Credit.ReadModels.Postgres;

/// <summary>One column of a multi-row statement's rows, sent as one array for its <c>unnest</c>.</summary>
public static class ArrayParameter
{
    /// <summary>The values as an array of <paramref name="element"/>; nulls among them are sent as SQL nulls.</summary>
    public static NpgsqlParameter Of<T>(NpgsqlDbType element, IEnumerable<T> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | element, Value = values.ToArray() };
}
