using System.Collections.Concurrent;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Credit.Tests.Infrastructure;

/// <summary>The real projection, failing on purpose: for the subjects it is told to fail, or at random with a given chance, it
/// throws before anything is written, as a projection that cannot publish a stored change would. Registered through
/// <see cref="RunningPlatform"/>'s configure hook, ahead of the platform's own.</summary>
public sealed class FailingProjection(ISubjectProjection inner) : ISubjectProjection
{
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);
    private readonly Random random = new(Environment.TickCount);
    private double chance;

    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<ISubjectProjection>(services => new FailingProjection(new PostgresSubjectProjection(
            services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<InterceptionNotifier>())));

    public static FailingProjection Of(RunningPlatform platform) => (FailingProjection)platform.Services.GetRequiredService<ISubjectProjection>();

    public void Fail(string subjectKey) => failing[subjectKey] = true;

    public void Heal(string subjectKey) => failing.TryRemove(subjectKey, out _);

    /// <summary>Every projection fails with this chance (0 to 1), whatever its subject.</summary>
    public void FailAtRandom(double probability) => Volatile.Write(ref chance, probability);

    public Task ProjectAsync(SubjectSnapshot subject, IReadOnlyList<ChangeRecord> history, CancellationToken cancellationToken = default)
    {
        bool unlucky;
        lock (random)
            unlucky = random.NextDouble() < Volatile.Read(ref chance);
        if (failing.ContainsKey(subject.Profile.Id.Key) || unlucky)
            throw new InvalidOperationException($"The test makes the projection of {subject.Profile.Id.Key} version {subject.Version} fail");
        return inner.ProjectAsync(subject, history, cancellationToken);
    }

    public Task<long> ProjectedVersionAsync(SubjectId subject, CancellationToken cancellationToken = default) =>
        inner.ProjectedVersionAsync(subject, cancellationToken);

    public Task RecordFailureAsync(SubjectId subject, long version, string error, CancellationToken cancellationToken = default) =>
        inner.RecordFailureAsync(subject, version, error, cancellationToken);

    public Task<bool> RepairInterceptionAsync(string subjectKey, SubjectSnapshot? subject, CancellationToken cancellationToken = default) =>
        inner.RepairInterceptionAsync(subjectKey, subject, cancellationToken);
}
