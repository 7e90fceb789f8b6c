using Microsoft.Extensions.Options;

namespace Credit.Api.Publication;

/// <summary>Refuses search settings that cannot work, naming each setting and its rule.</summary>
public sealed class PublicSearchOptionsValidator : IValidateOptions<PublicSearchOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicSearchOptions options)
    {
        var problems = new List<string>();
        // A misspelt engine must stop the start, not quietly search somewhere the operator did not choose.
        if (!options.UsesElasticsearch && !options.Engine.Equals(PublicSearchOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
            problems.Add($"{PublicSearchOptions.Section}:Engine is '{options.Engine}'; it must be {PublicSearchOptions.PostgreSql} or {PublicSearchOptions.Elasticsearch}");
        if (options.RequestsPerMinute < 1)
            problems.Add($"{PublicSearchOptions.Section}:RequestsPerMinute must be at least 1");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
