using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Credit.Hosting.Settings;

/// <summary>Refuses storage settings that cannot work, naming each setting and its rule.</summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <summary>A silo on its own shares the cluster's database and never starts an embedded one.</summary>
    public bool ExternalDatabaseRequired { get; init; }

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (ExternalDatabaseRequired)
                problems.Add($"{StorageOptions.Section}:ConnectionString must name the PostgreSQL of the cluster (env Credit__Storage__ConnectionString): a silo on its own never starts an embedded one");
        }
        else if (ConnectionStringProblem(options.ConnectionString) is { } problem)
        {
            problems.Add($"{StorageOptions.Section}:ConnectionString is not a PostgreSQL connection string (Host=...;Database=...;Username=...): {problem}");
        }
        if (string.IsNullOrWhiteSpace(options.EmbeddedDataFolder))
            problems.Add($"{StorageOptions.Section}:EmbeddedDataFolder must name a folder");
        // The name goes into CREATE DATABASE as an identifier, so only a plain one is taken.
        if (!PlainIdentifier().IsMatch(options.EmbeddedDatabase))
            problems.Add($"{StorageOptions.Section}:EmbeddedDatabase must be a plain PostgreSQL name: lower-case letters, digits and _, not starting with a digit, at most 63 characters");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    // The reason, never the string itself: it holds the password.
    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "it names no Host" : null;
        }
        catch (ArgumentException refusal)
        {
            return refusal.Message;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();
}
