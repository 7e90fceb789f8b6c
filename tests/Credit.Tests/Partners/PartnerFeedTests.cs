using System.Net;
using System.Text.Json;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Partners;

/// <summary>The partners' pull feed and event stream: a snapshot exact at its position followed by the changes after it,
/// each partner getting only its fields and its filter's listings, and a removal at once.</summary>
[Collection(PartnerCollection.Name)]
public sealed class PartnerFeedTests(PartnerFixture fixture)
{
    private static string Region() => $"4401{Random.Shared.Next(10, 99)}";

    [Fact]
    public async Task A_snapshot_and_the_changes_after_its_position_give_exactly_the_listings_in_force()
    {
        var region = Region();
        var (a, listingA) = await fixture.ListAsync(region, "蒋一");
        var (_, listingB) = await fixture.ListAsync(region, "沈二");
        var mine = new[] { listingA, listingB };
        // A listing added and removed before the partners' projection runs never reaches them: A is removed once it has.
        await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listingA], c => c.Count > 0);
        await fixture.RemoveAsync(a, listingA);
        await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, mine, c => c.Any(x => x.GetProperty("type").GetString() == "Removed"));

        var (position, entries) = await PartnerFixture.SnapshotAsync(fixture.App, "app");
        Assert.True(entries.ContainsKey(listingB));
        Assert.False(entries.ContainsKey(listingA));

        var (_, listingC) = await fixture.ListAsync(region, "韩三");
        var after = await PartnerFixture.ChangesWhenAsync(fixture.App, "app", position, [listingA, listingB, listingC], c => c.Count > 0);
        var only = Assert.Single(after);
        Assert.Equal("Added", only.GetProperty("type").GetString());
        Assert.Equal(listingC, only.GetProperty("entry").GetProperty("listingId").GetGuid());
        Assert.True(only.GetProperty("position").GetInt64() > position);
    }

    [Fact]
    public async Task Each_partner_receives_only_the_fields_it_is_granted()
    {
        var region = Region();
        var (withPhone, listingPhone) = await fixture.ListAsync(region, "杨四");
        var (_, listingNoPhone) = await fixture.ListAsync(region, "朱五");
        await fixture.RecordPhonesAsync(withPhone, "13800138000", "020-83001234");
        await fixture.RecordResidenceAsync(withPhone, 23.12, 113.25);
        var mine = new[] { listingPhone, listingNoPhone };

        // The telecom operator: phone numbers and nothing about the debt, and only subjects with a phone.
        var telecom = await PartnerFixture.ChangesWhenAsync(fixture.Telecom, "telecom", 0, mine, c => c.Count > 0);
        var entry = Assert.Single(telecom).GetProperty("entry");
        Assert.Equal(listingPhone, entry.GetProperty("listingId").GetGuid());
        Assert.Equal(["13800138000", "02083001234"], entry.GetProperty("phones").EnumerateArray().Select(p => p.GetString()).ToList());
        // Fields not granted are left out, in the changes as in the snapshot.
        Assert.Equal(["listingId", "phones"], entry.EnumerateObject().Select(p => p.Name).ToList());

        // The app: name, masked ID, amount, court, case and residence; never the phones or the full ID.
        var app = await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, mine,
            c => c.Any(x => x.GetProperty("entry").TryGetProperty("residence", out var residence) && residence.ValueKind == JsonValueKind.Object));
        var last = app.Last(x => x.GetProperty("entry").GetProperty("listingId").GetGuid() == listingPhone).GetProperty("entry");
        Assert.Equal("杨四", last.GetProperty("name").GetString());
        Assert.Contains("****", last.GetProperty("maskedId").GetString());
        Assert.False(last.TryGetProperty("phones", out _), last.ToString());
        Assert.Equal("440103", last.GetProperty("residence").GetProperty("regionCode").GetString());
        Assert.DoesNotContain(withPhone, string.Join("", app.Select(x => x.ToString())));
        var (_, snapshot) = await PartnerFixture.SnapshotAsync(fixture.App, "app");
        Assert.False(snapshot[listingPhone].TryGetProperty("phones", out _));
        Assert.Equal(snapshot[listingPhone].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            last.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Once_a_listing_is_removed_no_change_a_partner_can_read_keeps_its_phones_or_residence()
    {
        var (id, listing) = await fixture.ListAsync(Region(), "许六");
        await fixture.RecordPhonesAsync(id, "13900139000");
        await fixture.RecordResidenceAsync(id, 23.1317, 113.2644);
        await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listing],
            c => c.Any(x => x.GetProperty("entry").TryGetProperty("residence", out var residence) && residence.ValueKind == JsonValueKind.Object));
        await using var database = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        Assert.Contains("13900139000", await StoredAsync());

        await fixture.RemoveAsync(id, listing);
        await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listing], c => c.Any(x => x.GetProperty("type").GetString() == "Removed"));

        var stored = await StoredAsync();
        Assert.True(!stored.Contains("113.2644", StringComparison.Ordinal), stored);
        // Read again from the start: a partner that pages through the changes only now gets neither.
        var again = await PartnerFixture.ChangesWhenAsync(fixture.App, "app", 0, [listing], c => c.Any(x => x.GetProperty("type").GetString() == "Removed"));
        Assert.DoesNotContain("113.2644", string.Join("", again.Select(x => x.ToString())));
        Assert.Contains("许六", stored);
        Assert.DoesNotContain("13900139000", stored);
        Assert.DoesNotContain("113.2644", stored);
        Assert.DoesNotContain("沙面街道", stored);

        async Task<string> StoredAsync()
        {
            await using var kept = database.CreateCommand("SELECT coalesce(string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ''), '') FROM partner_changes WHERE listing_id = $1");
            kept.Parameters.Add(new Npgsql.NpgsqlParameter { Value = listing });
            return (string)(await kept.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        }
    }


    [Fact]
    public async Task A_removal_reaches_the_event_stream_naming_only_the_listing()
    {
        var region = Region();
        var head = (await (await fixture.App.GetAsync("/api/v1/partners/app/changes?after=0&limit=1000")).JsonAsync()).GetProperty("next").GetInt64();
        using var stream = fixture.App;
        stream.Timeout = TimeSpan.FromSeconds(120);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/app/changes/stream?after={head}");
        using var response = await stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var (id, listing) = await fixture.ListAsync(region, "秦六");
        var events = new List<(string Type, JsonElement Data)>();
        // The partners' projection reads each subject's state as it is when it runs: a listing added and removed before it
        // runs never reaches the partners at all. So the removal waits until the addition has been streamed.
        await ReadUntilAsync("Added");
        await fixture.RemoveAsync(id, listing);
        await ReadUntilAsync("Removed");
        var mine = events.Where(e => e.Data.GetProperty("entry").GetProperty("listingId").GetGuid() == listing).ToList();
        Assert.Equal(["Added", "Removed"], mine.Select(e => e.Type).ToList());
        Assert.Equal(["listingId"], mine[1].Data.GetProperty("entry").EnumerateObject().Select(p => p.Name).ToList());

        async Task ReadUntilAsync(string wanted)
        {
            // Generous: on a loaded two-core CI machine the court's change, its projection and the partners' projection
            // queue behind a dozen other platforms. When it runs out, the pull feed and the database say where it stopped.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            string? type = null;
            while (!events.Any(e => e.Type == wanted && e.Data.GetProperty("entry").GetProperty("listingId").GetGuid() == listing))
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    var pulled = await PartnerFixture.ChangesWhenAsync(fixture.App, "app", head, [listing], _ => true);
                    Assert.Fail($"The stream gave no {wanted} in 90 s; it gave {string.Join(", ", events.Select(e => e.Type))}, and the pull feed holds {string.Join(", ", pulled)}.\n{await fixture.WhereIsAsync(listing)}");
                    throw;
                }
                Assert.NotNull(line);
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                    type = line["event: ".Length..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    events.Add((type!, JsonDocument.Parse(line["data: ".Length..]).RootElement));
            }
        }
    }

    [Fact]
    public async Task The_feed_refuses_a_position_beyond_its_head_and_keys_open_only_their_own_partner()
    {
        var beyond = await fixture.App.GetAsync($"/api/v1/partners/app/changes?after={long.MaxValue / 2}");
        await ProblemAssert.IsProblem(beyond, HttpStatusCode.BadRequest, "after");
        var anonymous = await fixture.Platform.Client().GetAsync("/api/v1/partners/app/changes");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var court = await fixture.Court.GetAsync("/api/v1/partners/app/changes");
        Assert.Equal(HttpStatusCode.Unauthorized, court.StatusCode);
        var other = await fixture.Telecom.GetAsync("/api/v1/partners/app/snapshot");
        await ProblemAssert.IsProblem(other, HttpStatusCode.Forbidden, "partner");
        var unknown = await fixture.App.GetAsync("/api/v1/partners/nobody/changes");
        await ProblemAssert.IsProblem(unknown, HttpStatusCode.NotFound, "partner");
        // The telecom operator is not allowed the event stream.
        var stream = await fixture.Telecom.GetAsync("/api/v1/partners/telecom/changes/stream");
        await ProblemAssert.IsProblem(stream, HttpStatusCode.Forbidden, "partner");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    [InlineData("1, 2")]
    public async Task A_malformed_Last_Event_ID_is_refused_naming_it_instead_of_replaying_from_the_start(string lastEventId)
    {
        using var reconnect = new HttpRequestMessage(HttpMethod.Get, "/api/v1/partners/app/changes/stream");
        reconnect.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);

        using var response = await fixture.App.SendAsync(reconnect, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        // The status first: a stream that was opened never ends.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "Last-Event-ID");
    }
}
