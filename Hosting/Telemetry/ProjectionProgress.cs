namespace Credit.Hosting.Telemetry;

/// <summary>How far the change log is and how far its followers are, read at one moment.</summary>
/// <param name="CheckIndexPosition">This process's check index, read just after the head; null where there is none or it
/// is still loading.</param>
/// <param name="SearchCheckpoints">Each Elasticsearch engine's indexed position (table <c>search_checkpoints</c>).</param>
/// <param name="FailingSubjects">Subjects whose stored changes could not be published (table <c>publication_failures</c>).</param>
public sealed record ProjectionProgress(
    long Head, long? CheckIndexPosition, IReadOnlyList<(string Engine, long Position)> SearchCheckpoints, long FailingSubjects)
{
    /// <summary>Each follower's distance behind the head, in change-log positions. The agency feeds are pulled: an agency
    /// keeps its own position, so the lag of what they are offered is the check index's (the same interception changes).</summary>
    public IEnumerable<(string Consumer, long Behind)> Lag()
    {
        if (CheckIndexPosition is { } index)
            yield return ("check-index", Math.Max(0, Head - index));
        foreach (var (engine, position) in SearchCheckpoints)
            yield return (engine, Math.Max(0, Head - position));
    }
}
