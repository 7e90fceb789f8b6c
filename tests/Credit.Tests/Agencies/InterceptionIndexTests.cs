using Credit.ReadModels.Interceptions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Credit.Tests.Agencies;

/// <summary>The in-memory check index on its own: what it holds, whom it wakes, when it is ready.</summary>
public sealed class InterceptionIndexTests
{
    private static InterceptionHold Hold(InterceptionTriggers trigger, string caseNumber = "(2026)粤0103执1号") =>
        new(trigger, Guid.NewGuid(), "粤0103", caseNumber, new DateOnly(2026, 1, 1), null, null, null, null);

    [Fact]
    public void A_subject_is_held_until_its_last_hold_ends()
    {
        var index = new InterceptionIndex();
        index.Set("p:11010519491231002X", [Hold(InterceptionTriggers.DishonestListing), Hold(InterceptionTriggers.ConsumptionRestriction)]);
        var holds = index.Find("p:11010519491231002X")!;
        Assert.Equal([InterceptionTriggers.DishonestListing, InterceptionTriggers.ConsumptionRestriction], holds.Select(h => h.Trigger));
        // The listing and its restriction share one case: one string, not two.
        Assert.Same(holds[0].CaseNumber, holds[1].CaseNumber);

        index.Set("p:11010519491231002X", []);
        Assert.Null(index.Find("p:11010519491231002X"));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task A_waiter_wakes_when_the_index_passes_its_position_and_not_before()
    {
        var index = new InterceptionIndex();
        index.Advance(10);
        var waiting = index.WaitBeyondAsync(10, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        index.Advance(10);
        Assert.False(waiting.IsCompleted);
        index.Advance(11);
        Assert.True(await waiting);
        Assert.False(await index.WaitBeyondAsync(11, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_instance_is_not_ready_for_agencies_until_the_index_has_loaded()
    {
        var index = new InterceptionIndex();
        var health = new InterceptionIndexHealth(index);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("interception-index", health, null, null) };
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);
        index.Advance(0);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);
    }
}
