using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>An objection's step is stored first and then recorded in the courts' queue and the subject's history; when that
/// fails, the objection records it by itself, with a durable reminder registered while anything is owed.</summary>
public sealed class ObjectionStepRetryTests(FailingQueueObjectionFixture platform) : IClassFixture<FailingQueueObjectionFixture>
{
    [Fact]
    public async Task Step_whose_recording_failed_is_recorded_without_any_further_call()
    {
        var (id, caseNumber, _) = await platform.ListAsync("冯重记");
        var subjectKey = $"p:{id}";
        platform.Queue.Fail(subjectKey);

        // Filed and stored (the receipt is answered), but the queue could not be written.
        var receipt = await platform.FileAsync(id, caseNumber, "冯重记");
        Assert.True(platform.Queue.Failures(subjectKey) >= 1);
        Assert.False(await InQueueAsync(receipt));
        Assert.Equal(1L, await RetryRemindersAsync(receipt));

        // The queue is back; nobody calls the objection (the queue is read from its table alone).
        platform.Queue.Heal(subjectKey);
        var waited = Stopwatch.StartNew();
        while (!await InQueueAsync(receipt))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), $"the objection was not in the queue 90 s after the queue came back\n{platform.Errors}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        // Nothing owed any more: the reminder is gone.
        while (await RetryRemindersAsync(receipt) > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(120), "the retry reminder was left registered with nothing owed");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        var history = await (await platform.Liwan.GetAsync($"{Person(id)}/history")).JsonAsync();
        Assert.Single(history.EnumerateArray(), c => c.GetProperty("kind").GetString() == "ObjectionFiled");
    }

    private async Task<bool> InQueueAsync(string receipt)
    {
        var queue = await platform.Liwan.GetAsync("/api/v1/objections");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        return (await queue.JsonAsync()).GetProperty("items").EnumerateArray().Any(i => i.GetProperty("receipt").GetString() == receipt);
    }

    private async Task<long> RetryRemindersAsync(string receipt)
    {
        await using var command = platform.Platform.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'objection-steps' AND grainid LIKE '%' || $1");
        command.Parameters.AddWithValue($"objection:{receipt}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
