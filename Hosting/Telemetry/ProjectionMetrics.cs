using System.Diagnostics.Metrics;
using Credit.Grains.Interfaces.Telemetry;
using Credit.ReadModels.Interceptions;

namespace Credit.Hosting.Telemetry;

/// <summary>The read side's instruments, all observed from state that exists anyway: the check index in this process's
/// memory, and what <see cref="ProjectionProgressSampler"/> last read from PostgreSQL. Nothing is read while nothing listens.</summary>
public sealed class ProjectionMetrics
{
    private readonly InterceptionIndex? index;
    private readonly ObservableGauge<long> head;
    private readonly ObservableGauge<long> lag;
    private readonly ObservableGauge<long> failing;
    private volatile ProjectionProgress? latest;

    /// <param name="index">The check index, where this process hosts one (the Api does, a standalone silo does not).</param>
    public ProjectionMetrics(IMeterFactory meters, InterceptionIndex? index)
    {
        this.index = index;
        var meter = meters.Create(CreditMeter.Name);
        head = meter.CreateObservableGauge("credit.change_log.head", () => Observe(p => p.Head), "{position}",
            "The last change-log position taken.");
        lag = meter.CreateObservableGauge("credit.projection.lag", ObserveLag, "{change}",
            "Change-log positions a follower is behind the head, by consumer: check-index (this process's), elasticsearch:<alias>.");
        failing = meter.CreateObservableGauge("credit.publication.failing_subjects", () => Observe(p => p.FailingSubjects), "{subject}",
            "Subjects whose stored changes could not be published yet (retried every minute; ./credit reconcile names them).");
        meter.CreateObservableGauge("credit.check_index.position", () => Ready(i => i.Position), "{position}",
            "The change-log position this process's check index reflects.");
        meter.CreateObservableGauge("credit.check_index.subjects", () => Ready(i => (long)i.Count), "{subject}",
            "Intercepted subjects held by this process's check index.");
        meter.CreateObservableGauge("credit.check_index.load.duration", ObserveLoad, "s",
            "How long the check index's last full load took (agency checks are refused meanwhile).");
    }

    /// <summary>Whether anything listens to the instruments read from PostgreSQL.</summary>
    public bool Observed => head.Enabled || lag.Enabled || failing.Enabled;

    /// <summary>The position of this process's check index; null where there is none or it is still loading.</summary>
    public long? CheckIndexPosition => index is { Ready: true } ? index.Position : null;

    /// <summary>Null forgets the last reading: no value is better than a stale one.</summary>
    public void Record(ProjectionProgress? progress) => latest = progress;

    private IEnumerable<Measurement<long>> Observe(Func<ProjectionProgress, long> value) =>
        latest is { } progress ? [new Measurement<long>(value(progress))] : [];

    private IEnumerable<Measurement<long>> ObserveLag() =>
        latest?.Lag().Select(l => new Measurement<long>(l.Behind, new KeyValuePair<string, object?>("credit.consumer", l.Consumer))) ?? [];

    private IEnumerable<Measurement<long>> Ready(Func<InterceptionIndex, long> value) =>
        index is { Ready: true } ? [new Measurement<long>(value(index))] : [];

    private IEnumerable<Measurement<double>> ObserveLoad() =>
        index?.LoadDuration is { } took ? [new Measurement<double>(took.TotalSeconds)] : [];
}
