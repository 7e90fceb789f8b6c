using System.Net;
using Credit.Tests.Hosting;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>What the platform writes to its log, at the levels it ships with, as an operator would collect
/// it. An ID search carries the full ID number in its query string and a court's change in its path; a log
/// is kept longer and read by more people than the list itself, so neither may reach it.</summary>
public sealed class LogPrivacyTests(TestPostgres postgres)
{
    [Fact]
    public async Task An_id_search_leaves_no_full_id_number_in_the_log()
    {
        await using var platform = await PlatformProcess.StartAsync(await postgres.CreateDatabaseAsync(), shippedLogLevels: true);
        using var court = new HttpClient { BaseAddress = platform.Address };
        court.DefaultRequestHeaders.Add("X-Api-Key", PlatformFixture.Liwan);
        using var visitor = new HttpClient { BaseAddress = platform.Address };
        var id = Identities.AdultResidentId();
        Assert.Equal(HttpStatusCode.Created, (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber()))).StatusCode);

        var found = await visitor.GetAsync($"/api/v1/public/listings?idNumber={id}");
        var refused = await visitor.GetAsync($"/api/v1/public/listings?idNumber={id}&limit=0");
        await platform.StopAsync();

        Assert.Single((await found.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var entries = ConsoleEntries(platform.Output);
        // Information is logged (the host's start and stop), so the log is not simply silent.
        Assert.Contains(entries, entry => entry.Text.Contains("Application started", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, entry => entry.Text.Contains(id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The console logger's entries: a "level: category[event id]" line with the message indented
    /// below it. Lines outside an entry (the start-up banner) have no category.</summary>
    private static List<(string Category, string Text)> ConsoleEntries(IReadOnlyList<string> output)
    {
        var entries = new List<(string Category, string Text)>();
        foreach (var line in output)
        {
            var header = line.Split(": ", 2);
            if (header.Length == 2 && header[0] is "trce" or "dbug" or "info" or "warn" or "fail" or "crit")
                entries.Add((header[1].Split('[')[0], line));
            else if (line.StartsWith(' ') && entries.Count > 0)
                entries[^1] = (entries[^1].Category, entries[^1].Text + "\n" + line);
            else
                entries.Add(("", line));
        }
        return entries;
    }
}
