using System.Reflection;
using Credit.ReadModels.ChangeLog;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Hosting.Storage;

/// <summary>Applies the numbered SQL scripts in order, each once, under an advisory lock so that silos starting together do
/// not race: Orleans' tables and queries (embedded here) and the read models' tables (embedded beside each family's code in
/// ReadModels), ordered by file name across both. The journal names a script by its file name alone, so a script keeps its
/// place in the journal wherever it is kept.
/// Hand-written: it is a few dozen lines, and the scripts are idempotent anyway, so a journal plus a
/// lock is all a migration library would add.</summary>
public sealed class SchemaMigrator(string connectionString, ILogger logger)
{
    private const long LockKey = 0x43524544_4954; // "CREDIT"
    // The logical name every project gives its embedded scripts: Migrations/0200_publication.sql.
    private const string Folder = "Migrations/";

    private static readonly Assembly[] Sources = [typeof(SchemaMigrator).Assembly, typeof(PostgresSubjectProjection).Assembly];

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var scripts = Sources
            .SelectMany(assembly => assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(Folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
                .Select(n => (Name: n[Folder.Length..], Sql: Read(assembly, n))))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        // Two scripts of one name would share one journal entry, and the second would never run.
        if (scripts.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Two schema scripts are named {twice.Key}.");
        return scripts;
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
