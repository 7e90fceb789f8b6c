using Elastic.Clients.Elasticsearch;

namespace Credit.ReadModels.PublicListings.Elasticsearch;

/// <summary>What a bulk request really did, item by item. Elasticsearch answers a bulk request with 200 even
/// when items failed, and the client's <c>IsValidResponse</c> is false as soon as one item conflicts, which
/// with external versioning is normal; so neither tells whether the batch is indexed. This does.</summary>
/// <param name="Written">Items indexed (200 or 201).</param>
/// <param name="AlreadyNewer">Items refused with 409: the index holds this version or a newer one of the
/// subject already, which is the point of external versioning, not a failure.</param>
/// <param name="Failures">Everything else (rejections under load, mapping errors, a missing index, a failed
/// call): the batch must be retried and the checkpoint must not move.</param>
public sealed record BulkOutcome(int Written, int AlreadyNewer, IReadOnlyList<string> Failures)
{
    public bool IsComplete => Failures.Count == 0;

    public static readonly BulkOutcome Nothing = new(0, 0, []);

    public static BulkOutcome Of(BulkResponse response, int operations)
    {
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            return new(0, 0, [$"bulk call failed: {ElasticsearchRequestException.Describe(response)}"]);
        var items = response.Items ?? [];
        if (items.Count != operations)
            return new(0, 0, [$"bulk call answered {items.Count} items for {operations} operations"]);
        int written = 0, newer = 0;
        var failures = new List<string>();
        foreach (var item in items)
        {
            if (item.Error is null && item.Status is 200 or 201)
                written++;
            else if (item.Status == 409)
                newer++;
            else
                failures.Add($"{item.Id}: {item.Status} {item.Error?.Type} {item.Error?.Reason}".TrimEnd());
        }
        return new(written, newer, failures);
    }

    public override string ToString() =>
        $"{Written} written, {AlreadyNewer} already newer, {Failures.Count} failed{(IsComplete ? "" : $" (first: {Failures[0]})")}";
}
