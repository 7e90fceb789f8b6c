using Credit.ReadModels.ChangeLog;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

public static class ElasticsearchServiceCollectionExtensions
{
    /// <summary>Public search on Elasticsearch: the client, the search, the indexer following the change
    /// log, and the rebuild. Needs the platform's <c>NpgsqlDataSource</c> registered. Call it after
    /// <c>AddPublicSearch</c>: its <see cref="IPublicSearch"/> and <see cref="ISearchIndexRebuilder"/> then
    /// replace the PostgreSQL ones.</summary>
    public static IServiceCollection AddElasticsearchPublicSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ElasticsearchOptions>()
            .Bind(configuration.GetSection(ElasticsearchOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ElasticsearchClient(ClientSettings(provider.GetRequiredService<IOptions<ElasticsearchOptions>>().Value)));
        services.AddSingleton<ChangeLogReader>();
        services.AddSingleton<PublicReadModel>();
        services.AddSingleton<SearchCheckpoints>();
        services.AddSingleton<ListingBulkWriter>();
        services.AddSingleton<ListingIndexes>();
        services.AddSingleton<ChangeLogFollower>();
        services.AddSingleton<PublicListingMapper>();
        services.AddSingleton<ElasticsearchReindexer>();
        services.AddSingleton<ElasticsearchPublicSearch>();
        services.AddSingleton<IPublicSearch, ConfirmedPublicSearch>();
        services.AddSingleton<ISearchIndexRebuilder>(provider => provider.GetRequiredService<ElasticsearchReindexer>());
        services.AddHostedService<ElasticsearchIndexer>();
        return services;
    }

    public static ElasticsearchClientSettings ClientSettings(ElasticsearchOptions options)
    {
        var settings = new ElasticsearchClientSettings(new Uri(options.Url));
        if (!string.IsNullOrEmpty(options.ApiKey))
            settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrEmpty(options.Username))
            settings.Authentication(new BasicAuthentication(options.Username, options.Password!));
        if (!string.IsNullOrEmpty(options.CertificateFingerprint))
            settings.CertificateFingerprint(options.CertificateFingerprint);
        return settings;
    }
}
