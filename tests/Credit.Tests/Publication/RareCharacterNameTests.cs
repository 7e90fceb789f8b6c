using Credit.Hosting.Reconciliation;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Api.Publication;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Publication;

/// <summary>Names with rare characters (生僻字) reach every channel as the court wrote them. Property-style: names are drawn
/// from every CJK extension block (most outside the Basic Multilingual Plane), with the middle dot of minority names and in
/// ASCII, and each is listed, exit-banned, searched, exported, checked and corrected; the court's view, public search, the
/// agencies' snapshots, changes and checks must all say the same. On a platform of its own, so that reconciliation and
/// readiness speak of these subjects only.</summary>
public sealed class RareCharacterNameTests(TestPostgres postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Names_from_every_CJK_block_with_the_middle_dot_or_in_ASCII_agree_on_every_channel_when_listed_and_when_corrected()
    {
        var seed = Environment.TickCount;
        TestContext.Current.TestOutputHelper?.WriteLine($"names drawn with seed {seed}");
        var random = new Random(seed);
        await using var platform = await RunningPlatform.StartAsync(await postgres.CreateDatabaseAsync());
        var channels = new Channels(platform);
        var (start, _) = await channels.SnapshotAsync(AgencyKeys.Railway, "railway");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var subjects = new List<(string Kind, string Id, string ListingId, string Name)>();
        foreach (var (kind, name) in RareNames.OneOfEach(random))
        {
            var id = Identities.AdultResidentId();
            var listed = await channels.Court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), name));
            Assert.True(listed.StatusCode == HttpStatusCode.Created, $"{kind} {name} (seed {seed}): {await listed.Content.ReadAsStringAsync(Cancellation)}");
            var banned = await channels.Court.PostAsync($"{Person(id)}/exit-bans", ExitBan(CaseNumber(), Day(today), Day(today.AddMonths(3)), name));
            Assert.True(banned.StatusCode == HttpStatusCode.Created, $"{kind} {name} (seed {seed}): {await banned.Content.ReadAsStringAsync(Cancellation)}");
            subjects.Add((kind, id, (await listed.JsonAsync()).GetProperty("id").GetString()!, name));
        }
        foreach (var subject in subjects)
            await AssertEveryChannelSaysAsync(channels, subject.Id, subject.ListingId, subject.Name, start, $"{subject.Kind} (seed {seed})");

        // Corrected to a name from another block; every other one with an emoji, which a court may type by mistake.
        for (var i = 0; i < subjects.Count; i++)
        {
            var (kind, id, listingId, old) = subjects[i];
            var corrected = RareNames.Person(random, RareNames.Blocks[(i + 1) % RareNames.Blocks.Length]) + (i % 2 == 0 ? "😀" : "");
            var response = await channels.Court.PostAsync($"{Person(id)}/listings/{listingId}/corrections",
                new JsonObject { ["explanation"] = "姓名录入有误，依法更正", ["subjectName"] = corrected });
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind} {old} → {corrected} (seed {seed}): {await response.Content.ReadAsStringAsync(Cancellation)}");
            await AssertEveryChannelSaysAsync(channels, id, listingId, corrected, start, $"{kind}, corrected (seed {seed})");
            Assert.DoesNotContain(await channels.PublicByNameAsync(old), l => l.GetProperty("listingId").GetString() == listingId);
        }

        var report = await platform.Services.GetRequiredService<PublicationReconciler>().RunAsync(Cancellation);
        Assert.Equal((subjects.Count, 0, 0), (report.Subjects, report.Differences, report.FailingPublications.Count));
        Assert.Equal("Healthy", (await channels.ReadinessAsync()).GetProperty("status").GetString());
    }

    private static async Task AssertEveryChannelSaysAsync(Channels channels, string id, string listingId, string name, long since, string what)
    {
        var court = (await channels.CourtViewAsync(id))!.Value;
        Assert.Equal(name, court.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal([listingId], Channels.ActiveListings(court));

        var byId = Assert.Single(await channels.PublicByIdAsync(id));
        Assert.Equal((listingId, name), (byId.GetProperty("listingId").GetString(), byId.GetProperty("name").GetString()));
        Assert.Equal(name, (await channels.PublicListingAsync(listingId))!.Value.GetProperty("name").GetString());
        foreach (var query in SearchesFinding(name))
            Assert.True((await channels.PublicByNameAsync(query)).Any(l => l.GetProperty("listingId").GetString() == listingId), $"{what}: '{query}' does not find {name}");

        await channels.CheckAsync(AgencyKeys.Railway, "railway", id, "Hit");
        await channels.CheckAsync(AgencyKeys.Border, "border-inspection", id, "Hit");
        // The agencies' snapshots and changes follow the change log through the check index, which reads it at most every
        // 50 ms: a correction of a subject already hit reaches them a moment after the court's answer, so ask until they agree.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await AssertAgenciesSayAsync(channels, id, name, since);
                return;
            }
            catch (Exception disagreement) when (disagreement is Xunit.Sdk.XunitException or InvalidOperationException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task AssertAgenciesSayAsync(Channels channels, string id, string name, long since)
    {
        foreach (var (key, agency) in new[] { (AgencyKeys.Railway, "railway"), (AgencyKeys.Border, "border-inspection") })
        {
            var (_, entries) = await channels.SnapshotAsync(key, agency);
            Assert.Equal(name, entries[id].GetProperty("name").GetString());
            var (header, lines) = await channels.CsvSnapshotAsync(key, agency);
            var nameColumn = Array.IndexOf(header, "name");
            var idColumn = Array.IndexOf(header, "idNumber");
            Assert.All(lines.Where(l => l[idColumn] == id), line => Assert.Equal(name, line[nameColumn]));
            Assert.Contains(lines, l => l[idColumn] == id);
            var changes = await channels.ChangesAsync(key, agency, since);
            Assert.Equal(name, changes.Last(c => c.GetProperty("entry").GetProperty("idNumber").GetString() == id).GetProperty("entry").GetProperty("name").GetString());
        }
    }

    /// <summary>The name itself, its first two characters and, for longer names, its last two: searches that must find it
    /// through the name index, the prefix tier and the inner two-character windows. Characters as a person counts them.</summary>
    private static IEnumerable<string> SearchesFinding(string name)
    {
        var letters = name.EnumerateRunes().Where(r => Rune.IsLetter(r) || r.Value == '·').Select(r => r.ToString()).ToArray();
        var searchable = string.Concat(letters);
        if (searchable.Length == 0)
            yield break;
        if (searchable == name)
            yield return name;
        if (letters.Length >= 2)
            yield return string.Concat(letters[..2]);
        if (letters.Length >= 3 && letters[^2] != "·" && letters[^1] != "·")
            yield return string.Concat(letters[^2..]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
