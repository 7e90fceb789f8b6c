using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.ReadModels.Partners;

/// <summary>Where the partners' change log stands, told by the projection's NOTIFY at each commit (and looked up each second
/// in case a notification is lost): what the event streams, long polls and webhook subscriptions wait on.</summary>
public sealed class PartnerChangeSignal(NpgsqlDataSource database, ILogger<PartnerChangeSignal> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private long head = -1;
    private TaskCompletionSource moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The newest position known; −1 before the first look.</summary>
    public long Head => Interlocked.Read(ref head);

    /// <summary>Completes when the head next moves.</summary>
    public Task NextMove => Volatile.Read(ref moved).Task;

    /// <summary>Waits until the head is beyond <paramref name="position"/>, at most <paramref name="patience"/>; whether it is.</summary>
    public async Task<bool> WaitBeyondAsync(long position, TimeSpan patience, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        while (Head <= position)
        {
            var next = NextMove;
            if (Head > position)
                break;
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Head > position;
            }
        }
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await database.OpenConnectionAsync(stoppingToken);
                listener.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                        Move(position);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {PartnerJson.ChangesChannel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await using (var read = new NpgsqlCommand("SELECT last FROM partner_feed_head WHERE id = 1", listener))
                        Move((long)(await read.ExecuteScalarAsync(stoppingToken))!);
                    await listener.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(error, "Following the partners' change log failed; retrying in a second");
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Move(long position)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref head);
            if (position <= seen)
                return;
        }
        while (Interlocked.CompareExchange(ref head, position, seen) != seen);
        Interlocked.Exchange(ref moved, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
