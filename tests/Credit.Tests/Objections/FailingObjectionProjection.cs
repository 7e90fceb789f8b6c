using System.Collections.Concurrent;
using Credit.Grains.Interfaces.Objections;

namespace Credit.Tests.Objections;

/// <summary>The real objections' projection, failing on purpose for the subjects it is told to fail: it throws before anything
/// is written, as a queue that cannot be written would.</summary>
public sealed class FailingObjectionProjection(IObjectionProjection inner) : IObjectionProjection
{
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    public void Fail(string subjectKey) => failures[subjectKey] = 0;

    public void Heal(string subjectKey) => failures.TryRemove(subjectKey, out _);

    /// <summary>How many writes failed for the subject since it was told to fail.</summary>
    public int Failures(string subjectKey) => failures.TryGetValue(subjectKey, out var count) ? count : 0;

    public Task ProjectAsync(ObjectionView objection, CancellationToken cancellationToken = default)
    {
        if (failures.ContainsKey(objection.Subject.Key))
        {
            failures.AddOrUpdate(objection.Subject.Key, 1, (_, count) => count + 1);
            throw new InvalidOperationException($"The test makes the queue write of objection {objection.Receipt} fail");
        }
        return inner.ProjectAsync(objection, cancellationToken);
    }
}
