using System.Globalization;
using Elastic.Transport.Products.Elasticsearch;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>Elasticsearch failed or refused a request the engine cannot do without.</summary>
public sealed class ElasticsearchRequestException(string message) : Exception(message)
{
    public static ElasticsearchRequestException For(string what, ElasticsearchResponse response) =>
        new($"Elasticsearch failed {what}: {Describe(response)}");

    /// <summary>The server's error type and reason if it gave one, else the transport's failure.</summary>
    public static string Describe(ElasticsearchResponse response) =>
        response.ElasticsearchServerError?.Error is { } error
            ? $"{response.ApiCallDetails.HttpStatusCode} {error.Type}: {error.Reason}"
            : response.TryGetOriginalException(out var exception) && exception is not null
                ? exception.Message
                : $"HTTP {response.ApiCallDetails.HttpStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}";
}
