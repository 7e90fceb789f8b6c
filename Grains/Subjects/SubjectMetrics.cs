using System.Diagnostics.Metrics;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Telemetry;

namespace Credit.Grains.Subjects;

/// <summary>What the subject grains count: the changes they acknowledge, per court, and the deliveries to other subjects
/// their outboxes hold.</summary>
public sealed class SubjectMetrics
{
    private readonly Counter<long> acknowledged;
    private readonly UpDownCounter<long> outbox;

    public SubjectMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(CreditMeter.Name);
        acknowledged = meter.CreateCounter<long>("credit.changes.acknowledged", "{change}",
            "Changes stored and acknowledged to a court (retries of an acknowledged change not counted again), by court.");
        outbox = meter.CreateUpDownCounter<long>("credit.outbox.pending", "{delivery}",
            "Deliveries to other subjects (a company's restriction passed to the persons who answer for it) held in the outboxes " +
            "of this process's subject activations. A subject owing one keeps its activation alive and is woken by a reminder " +
            "after a restart, so the sum over the silos is what the cluster owes.");
    }

    /// <summary>The court's code is the only tag: never the subject.</summary>
    public void Acknowledged(CourtCode court) =>
        acknowledged.Add(1, new KeyValuePair<string, object?>("credit.court", court.Value));

    public void OutboxChanged(int delta)
    {
        if (delta != 0)
            outbox.Add(delta);
    }
}
