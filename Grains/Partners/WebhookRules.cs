namespace Credit.Grains.Partners;

/// <summary>How webhook deliveries are retried (section <c>Credit:Partners:Webhooks</c>): after a failed attempt the next
/// waits twice as long as the one before, from <see cref="FirstRetryDelay"/> up to <see cref="MaximumRetryDelay"/>, each
/// wait cut by a random part of up to half (jitter), so receivers coming back from an outage are not hit by every
/// subscription at once; an event still failing <see cref="RetryFor"/> after its first failure is parked as a dead letter.</summary>
public sealed class WebhookRules
{
    public const string Section = "Credit:Partners:Webhooks";

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At least a day: a receiver down for a night loses nothing.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(26);

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight to one receiver (scheme, host and port) at most, each on a kept-alive connection; the
    /// subscriptions sending there beyond it wait for a connection.</summary>
    public int ConnectionsPerReceiver { get; set; } = 32;

    /// <summary>The wait before attempt <paramref name="failures"/> + 1, given a uniform random <paramref name="unit"/> in [0, 1).</summary>
    public TimeSpan RetryDelay(int failures, double unit)
    {
        var doubled = FirstRetryDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 40));
        var capped = Math.Min(doubled, MaximumRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (1 - 0.5 * unit)));
    }
}
