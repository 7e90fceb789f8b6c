using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Hosting.Reconciliation;
using Credit.Hosting.Storage;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>The monthly statistics count a measure in the month of its own date, not the month the platform recorded it: a listing
/// loaded today that was published two months ago is "newly listed" two months ago, a correction of the date moves it, and the
/// dates of measures held before the statistics read them so are written by the schema script and by reconciliation.</summary>
public sealed class StatisticsByMeasureDateTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    private DateOnly Today => DateOnly.ParseExact(platform.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly TwoMonthsAgo => Today.AddMonths(-2);

    private DateOnly LastMonth => Today.AddMonths(-1);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Liwan's figures for the month of <paramref name="day"/>.</summary>
    private async Task<JsonElement> FiguresAsync(DateOnly day)
    {
        var answer = await platform.Liwan.GetAsync($"/api/v1/statistics/monthly?from={Month(day)}&to={Month(day)}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return (await answer.JsonAsync()).GetProperty("totals");
    }

    private async Task<long> CountAsync(DateOnly day, string figure) => (await FiguresAsync(day)).GetProperty(figure).GetInt64();

    /// <summary>Liwan lists a fresh person today, with a listing published (and decided) on <paramref name="published"/>.</summary>
    private async Task<(string Id, Guid ListingId)> ListPublishedOnAsync(DateOnly published)
    {
        var id = Identities.AdultResidentId();
        var body = PersonListing(CaseNumber(year: published.Year), "统计日");
        body["filingDate"] = Text(published);
        body["publicationDate"] = Text(published);
        body["decisionDate"] = Text(published);
        var created = await platform.Liwan.PostAsync($"{Person(id)}/listings", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return (id, (await created.JsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Listing_recorded_today_counts_in_the_month_of_its_publication_date_and_a_correction_moves_it()
    {
        var (thenBefore, lastBefore, nowBefore) = (await CountAsync(TwoMonthsAgo, "listings"), await CountAsync(LastMonth, "listings"),
            await CountAsync(Today, "listings"));
        var restrictionsThenBefore = await CountAsync(TwoMonthsAgo, "restrictions");

        var (id, listingId) = await ListPublishedOnAsync(TwoMonthsAgo);

        Assert.Equal(thenBefore + 1, await CountAsync(TwoMonthsAgo, "listings"));
        // The restriction that comes with the listing is effective from its publication date (consumption rules Art. 1).
        Assert.Equal(restrictionsThenBefore + 1, await CountAsync(TwoMonthsAgo, "restrictions"));
        Assert.Equal(nowBefore, await CountAsync(Today, "listings"));

        var corrected = await platform.Liwan.PostAsync($"{Person(id)}/listings/{listingId}/corrections",
            new JsonObject { ["explanation"] = "公布日期录入错误", ["publicationDate"] = Text(LastMonth) });
        Assert.True(corrected.StatusCode == HttpStatusCode.OK, $"{corrected.StatusCode}: {await corrected.Content.ReadAsStringAsync()}");

        Assert.Equal(thenBefore, await CountAsync(TwoMonthsAgo, "listings"));
        Assert.Equal(lastBefore + 1, await CountAsync(LastMonth, "listings"));
        Assert.Equal(nowBefore, await CountAsync(Today, "listings"));
    }

    [Fact]
    public async Task Restriction_counts_in_the_month_it_is_effective_from_and_an_exit_ban_in_the_month_it_starts()
    {
        var (restrictionsBefore, bansBefore, bansNowBefore) = (await CountAsync(TwoMonthsAgo, "restrictions"), await CountAsync(LastMonth, "exitBans"),
            await CountAsync(Today, "exitBans"));
        var caseNumber = CaseNumber(year: TwoMonthsAgo.Year);
        var restriction = Restriction(caseNumber, "统计限");
        restriction["effectiveFrom"] = Text(TwoMonthsAgo);
        restriction["orderDate"] = Text(TwoMonthsAgo);
        var ban = ExitBan(caseNumber, Text(LastMonth), Text(LastMonth.AddMonths(6)), "统计限");
        ban["decisionDate"] = Text(TwoMonthsAgo);
        var id = Identities.AdultResidentId();

        var restricted = await platform.Liwan.PostAsync($"{Person(id)}/restrictions", restriction);
        var banned = await platform.Liwan.PostAsync($"{Person(id)}/exit-bans", ban);

        Assert.True(restricted.StatusCode == HttpStatusCode.Created, $"{restricted.StatusCode}: {await restricted.Content.ReadAsStringAsync()}");
        Assert.True(banned.StatusCode == HttpStatusCode.Created, $"{banned.StatusCode}: {await banned.Content.ReadAsStringAsync()}");
        Assert.Equal(restrictionsBefore + 1, await CountAsync(TwoMonthsAgo, "restrictions"));
        Assert.Equal(bansBefore + 1, await CountAsync(LastMonth, "exitBans"));
        Assert.Equal(bansNowBefore, await CountAsync(Today, "exitBans"));
    }

    [Fact]
    public async Task Reconciliation_writes_measure_dates_missing_or_wrong_and_deletes_those_the_state_denies()
    {
        var (id, listingId) = await ListPublishedOnAsync(TwoMonthsAgo);
        var healthy = await RowsAsync(id);
        var listedThen = await CountAsync(TwoMonthsAgo, "listings");
        var reconciler = platform.Platform.Services.GetRequiredService<PublicationReconciler>();
        Assert.Equal(0, (await reconciler.RunAsync(TestContext.Current.CancellationToken)).MeasureDateDifferences);
        await ExecuteAsync("""
            DELETE FROM measure_dates WHERE item_id = @listing;
            UPDATE measure_dates SET counted_on = current_date, court = '粤0104' WHERE subject_key = @subject AND measure = 'Restriction';
            INSERT INTO measure_dates (item_id, subject_key, measure, court, counted_on) VALUES (gen_random_uuid(), @subject, 'ExitBan', '粤0103', current_date);
            """, ("listing", listingId), ("subject", $"p:{id}"));
        Assert.Equal(listedThen - 1, await CountAsync(TwoMonthsAgo, "listings"));

        var repair = await reconciler.RunAsync(TestContext.Current.CancellationToken);
        var after = await reconciler.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, repair.MeasureDateDifferences);
        Assert.Equal(0, after.MeasureDateDifferences);
        Assert.Equal(healthy, await RowsAsync(id));
        Assert.Equal(listedThen, await CountAsync(TwoMonthsAgo, "listings"));
    }

    [Fact]
    public async Task Schema_script_back_fills_the_dates_of_measures_held_before_the_table_from_the_stored_state()
    {
        var (id, _) = await ListPublishedOnAsync(TwoMonthsAgo);
        var healthy = await RowsAsync(id);
        Assert.Equal([$"Listing|粤0103|{Text(TwoMonthsAgo)}", $"Restriction|粤0103|{Text(TwoMonthsAgo)}"], healthy);
        var listedThen = await CountAsync(TwoMonthsAgo, "listings");
        await ExecuteAsync("DELETE FROM measure_dates WHERE subject_key = @subject", ("subject", $"p:{id}"));
        Assert.Empty(await RowsAsync(id));

        await ExecuteAsync(SchemaMigrator.Scripts().Single(s => s.Name == "0830_measure_dates.sql").Sql);

        Assert.Equal(healthy, await RowsAsync(id));
        Assert.Equal(listedThen, await CountAsync(TwoMonthsAgo, "listings"));
    }

    /// <summary>The subject's rows of <c>measure_dates</c> as text, in measure order.</summary>
    private async Task<List<string>> RowsAsync(string id)
    {
        var database = platform.Platform.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand("""
            SELECT concat_ws('|', measure, court, to_char(counted_on, 'YYYY-MM-DD')) FROM measure_dates WHERE subject_key = $1 ORDER BY measure
            """);
        command.Parameters.AddWithValue($"p:{id}");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var database = platform.Platform.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
