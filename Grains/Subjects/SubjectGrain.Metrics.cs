namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    /// <summary>The outbox deliveries this activation has added to <see cref="SubjectMetrics"/>: what it holds as stored,
    /// counted on activation and after each store, and taken back when it deactivates.</summary>
    private int countedOutbox;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        UncountOutbox();
        return Task.CompletedTask;
    }

    private void CountOutbox()
    {
        var holding = state.State.Outbox.Count;
        metrics.OutboxChanged(holding - countedOutbox);
        countedOutbox = holding;
    }

    private void UncountOutbox()
    {
        metrics.OutboxChanged(-countedOutbox);
        countedOutbox = 0;
    }
}
