using System.Collections.Concurrent;
using System.Net;
using Credit.Api.Hosting;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Hosting;

public sealed class CrashRecoveryTests(TestPostgres postgres)
{
    private sealed record Acknowledged(string SubjectId, string ListingId);

    [Fact]
    public async Task Kill_9_during_a_stream_of_court_writes_loses_no_acknowledged_write()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        // The restarted silo takes the same ports, as a restarted server would, so Orleans knows the old one is gone.
        var (siloPort, gatewayPort) = (FreePort.Pick(), FreePort.Pick());
        var acknowledged = new ConcurrentBag<Acknowledged>();

        await using (var first = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort))
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(5) };
                client.DefaultRequestHeaders.Add("X-Api-Key", PlatformFixture.Liwan);
                while (!stop.IsCancellationRequested)
                {
                    var id = Identities.AdultResidentId();
                    try
                    {
                        var response = await client.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()));
                        if (response.StatusCode == HttpStatusCode.Created)
                            acknowledged.Add(new Acknowledged(id, (await response.JsonAsync()).GetProperty("id").GetString()!));
                    }
                    catch (Exception) when (stop.IsCancellationRequested || true)
                    {
                        // The process is being killed; an unanswered write was never acknowledged.
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 150 && DateTime.UtcNow < deadline)
                await Task.Delay(20);
            first.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 50, $"only {acknowledged.Count} writes were acknowledged before the kill");

        await using var second = await PlatformProcess.StartAsync(connectionString, siloPort, gatewayPort);
        using var reader = new HttpClient { BaseAddress = second.Address };
        reader.DefaultRequestHeaders.Add("X-Api-Key", PlatformFixture.Liwan);
        var lost = new List<string>();
        foreach (var write in acknowledged)
        {
            var response = await reader.GetAsync(Person(write.SubjectId));
            var listings = response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("listings").EnumerateArray().ToList() : [];
            if (!listings.Any(l => l.GetProperty("id").GetString() == write.ListingId))
                lost.Add(write.SubjectId);
        }
        Assert.Empty(lost);
    }
}
