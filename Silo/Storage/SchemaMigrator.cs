using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Silo.Storage;

/// <summary>Applies the numbered SQL scripts embedded in this assembly (Orleans' tables and queries,
/// then ours) in order, each once, under an advisory lock so that silos starting together do not race.
/// Hand-written: it is a few dozen lines, and the scripts are idempotent anyway, so a journal plus a
/// lock is all a migration library would add.</summary>
public sealed class SchemaMigrator(string connectionString, ILogger logger)
{
    private const long LockKey = 0x43524544_4954; // "CREDIT"
    private const string Prefix = "Credit.Silo.Storage.Migrations.";

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[Prefix.Length..], Read(assembly, n)))];
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = new HashSet<string>();
            await using (var read = new NpgsqlCommand("SELECT name FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetString(0));
            }
            foreach (var (name, sql) in Scripts().Where(s => !applied.Contains(s.Name)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var script = new NpgsqlCommand(sql, connection, transaction))
                    await script.ExecuteNonQueryAsync(cancellationToken);
                await using (var journal = new NpgsqlCommand("INSERT INTO schema_migrations (name) VALUES ($1)", connection, transaction)
                { Parameters = { new() { Value = name } } })
                    await journal.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema script {Script}", name);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
