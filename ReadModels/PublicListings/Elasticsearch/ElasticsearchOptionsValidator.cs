using Microsoft.Extensions.Options;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Refuses to start with unusable Elasticsearch settings, naming every problem at once.</summary>
public sealed class ElasticsearchOptionsValidator : IValidateOptions<ElasticsearchOptions>
{
    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
