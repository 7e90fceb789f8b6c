using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Credit.ReadModels.PublicListings.Elasticsearch;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Elastic.Transport.Extensions;

namespace Credit.Tests.Publication;

/// <summary>One request the engine sent, as the cluster would have received it.</summary>
public sealed record ElasticsearchCall(string Method, string Path, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>The lines of an NDJSON (bulk) body.</summary>
    public IReadOnlyList<JsonNode> Lines => [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
}

/// <summary>The ways a cluster fails to answer that the engine must survive.</summary>
public enum ClusterFailure
{
    ConnectionRefused,
    ServerError,
    QueryQuotedInReason,
    CutShortAnswer,
    ProxyErrorPage,
}

/// <summary>Stands in for an Elasticsearch cluster in tests that need no real one: the real client serialises
/// every request and parses every answer, and the test decides the answers. What the engine sends, and what
/// it makes of answers such as a bulk response with failed items, is checked exactly; what a real cluster
/// does with them is for <see cref="ElasticsearchEngineTests"/>.</summary>
public sealed class ElasticsearchFakeCluster : IRequestInvoker
{
    private static readonly Dictionary<string, IEnumerable<string>> ProductHeader = new() { ["x-elastic-product"] = ["Elasticsearch"] };
    private readonly InMemoryRequestInvoker responses = new();

    public ElasticsearchFakeCluster(Func<ElasticsearchCall, (int Status, string Body)> answer)
    {
        Answer = answer;
        Client = new ElasticsearchClient(new ElasticsearchClientSettings(new SingleNodePool(new Uri("http://fake-cluster:9200")), this));
    }

    public Func<ElasticsearchCall, (int Status, string Body)> Answer { get; set; }

    /// <summary>When set, no call gets an answer: the client's HTTP layer fails with this exception instead, as
    /// it does when the connection is refused or times out.</summary>
    public Exception? ConnectionFailure { get; set; }

    public ElasticsearchClient Client { get; }

    public List<ElasticsearchCall> Calls { get; } = [];

    public ResponseFactory ResponseFactory => responses.ResponseFactory;

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        var body = "";
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            await postData.WriteAsync(stream, boundConfiguration.ConnectionSettings, true, cancellationToken);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }
        var call = new ElasticsearchCall(endpoint.Method.ToString().ToUpperInvariant(), "/" + Uri.UnescapeDataString(endpoint.PathAndQuery).TrimStart('/'), body);
        lock (Calls)
            Calls.Add(call);
        // What the client's own HTTP layer hands on when no answer came: the exception and no status.
        if (ConnectionFailure is { } failure)
            return await ResponseFactory.CreateAsync<TResponse>(endpoint, boundConfiguration, postData, failure, null, null, Stream.Null, null, 0, null, null, cancellationToken);
        var (status, answer) = Answer(call);
        // The client refuses a cluster that does not say it is Elasticsearch (its product check).
        var cluster = new InMemoryRequestInvoker(Encoding.UTF8.GetBytes(answer), status, null, "application/json", ProductHeader);
        return await cluster.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken);
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new() =>
        RequestAsync<TResponse>(endpoint, boundConfiguration, postData, CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose()
    {
    }

    /// <summary>The JSON the client sends for <paramref name="request"/> (e.g. a search body).</summary>
    public string Serialize<T>(T request) => Encoding.UTF8.GetString(Client.RequestResponseSerializer.SerializeToBytes(request, SerializationFormatting.None));

    /// <summary>A bulk answer with one item per operation of <paramref name="call"/>, each with the status
    /// <paramref name="statusOf"/> gives its id (201 unless told).</summary>
    public static string BulkAnswer(ElasticsearchCall call, Func<string, int>? statusOf = null)
    {
        var items = new JsonArray();
        var lines = call.Lines;
        for (var i = 0; i < lines.Count; i += 2)
        {
            var action = lines[i]["index"]!;
            var id = (string)action["_id"]!;
            var status = statusOf?.Invoke(id) ?? 201;
            var item = new JsonObject { ["_index"] = (string?)action["_index"] ?? "index", ["_id"] = id, ["status"] = status };
            if (status is 200 or 201)
            {
                item["result"] = "created";
                item["_version"] = (long)action["version"]!;
            }
            else
            {
                item["error"] = new JsonObject
                {
                    ["type"] = status == 409 ? "version_conflict_engine_exception" : "es_rejected_execution_exception",
                    ["reason"] = status == 409 ? "version conflict, current version is higher or equal" : "rejected execution",
                };
            }
            items.Add(new JsonObject { ["index"] = item });
        }
        var errors = items.Any(i => i!["index"]!["error"] is not null);
        return new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items }.ToJsonString();
    }

    /// <summary>From now on every call fails as <paramref name="failure"/> describes.</summary>
    public void FailWith(ClusterFailure failure)
    {
        ConnectionFailure = failure == ClusterFailure.ConnectionRefused
            ? new HttpRequestException("Connection refused (fake-cluster:9200)", new SocketException((int)SocketError.ConnectionRefused))
            : null;
        Answer = failure switch
        {
            ClusterFailure.ServerError => _ => (503, """{"error":{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];"},"status":503}"""),
            // Elasticsearch quotes the query it could not run, search terms and all.
            ClusterFailure.QueryQuotedInReason => call => (400, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "query_shard_exception", ["reason"] = $"failed to create query: {call.Body}" },
                ["status"] = 400,
            }.ToJsonString()),
            ClusterFailure.CutShortAnswer => _ => (200, """{"took":2,"timed_out":false,"hits":{"max_score":null,"hits":[{"_index":"cre"""),
            ClusterFailure.ProxyErrorPage => _ => (502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
            _ => Answer,
        };
    }

    public static ElasticsearchOptions Options(string alias = "credit-public-listings") => new()
    {
        Url = "http://fake-cluster:9200",
        IndexAlias = alias,
        BatchSize = 100,
        RebuildChunkSize = 2,
    };
}
