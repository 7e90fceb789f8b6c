using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Client;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Api;

/// <summary>A mistyped exit-ban decision date could only be fixed by lifting the ban as WronglyImposed and imposing it again:
/// the history said it was wrong, and border inspection got a Removed and an Added. A correction (list rules Art. 9) keeps
/// the ban, says what changed, and reaches the agencies as a Changed; so does a restriction order's.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DecisionCorrectionApiTests(PlatformFixture fixture)
{
    private static readonly DateOnly ChinaToday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private HttpClient Yuexiu => fixture.Platform.Client("demo-yuexiu-district-court");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_mistyped_exit_ban_decision_date_is_corrected_and_border_inspection_receives_a_Changed_with_the_new_date()
    {
        var border = new CreditClient(fixture.Platform.Client(AgencyKeys.Border));
        var from = await HeadAsync(border, "border-inspection");
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var imposed = await Liwan.PostAsync($"{Person(id)}/exit-bans", ExitBan(caseNumber, Day(ChinaToday), Day(ChinaToday.AddMonths(3))));
        Assert.Equal(HttpStatusCode.Created, imposed.StatusCode);
        var banId = (await imposed.JsonAsync()).GetProperty("id").GetString();

        var corrected = await Liwan.PostAsync($"{Person(id)}/exit-bans/{banId}/corrections",
            new JsonObject { ["explanation"] = "决定日期录入错误", ["decisionDate"] = Day(ChinaToday), ["decisionNumber"] = $"{caseNumber}之二" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var ban = await corrected.JsonAsync();
        Assert.Equal((banId, Day(ChinaToday), $"{caseNumber}之二", "Active"),
            (ban.GetProperty("id").GetString(), ban.GetProperty("decisionDate").GetString(), ban.GetProperty("decisionNumber").GetString(), ban.GetProperty("status").GetString()));

        // Border inspection hears of the ban once, then of the correction as a change to it: never Removed and Added again.
        var changes = await ChangesForAsync(border, "border-inspection", from, id, until: c => c.Type == AgencyChangeType.Changed);
        Assert.Equal([AgencyChangeType.Added, AgencyChangeType.Changed], changes.Select(c => c.Type));
        var hold = Assert.Single(changes[^1].Entry.Holds);
        Assert.Equal(("ExitBan", $"{caseNumber}之二", (DateOnly?)ChinaToday), (hold.Kind, hold.DecisionNumber, hold.DecisionDate));

        var history = (await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["ExitBanImposed", "ExitBanCorrected"], history.Select(c => c.GetProperty("kind").GetString()));
        var fields = history[^1].GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("after").GetString());
        Assert.Equal(Day(ChinaToday), fields["decisionDate"]);
    }

    [Fact]
    public async Task An_exit_ban_correction_that_would_break_a_rule_or_reach_beyond_the_ban_is_refused_naming_the_field()
    {
        var id = Identities.AdultResidentId();
        var start = ChinaToday.AddDays(-10);
        var body = ExitBan(CaseNumber(), Day(start), Day(start.AddMonths(6)));
        var banId = (await (await Liwan.PostAsync($"{Person(id)}/exit-bans", body)).JsonAsync()).GetProperty("id").GetString();
        var path = $"{Person(id)}/exit-bans/{banId}/corrections";
        JsonObject Correction(string field, JsonNode? value) => new() { ["explanation"] = "更正", [field] = value };

        // The decision is dated before the ban starts, and not in the future.
        var afterStart = await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("decisionDate", Day(start.AddDays(1)))), HttpStatusCode.BadRequest, "decisionDate");
        Assert.Contains(Day(start), afterStart.GetRawText());
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("decisionDate", Day(ChinaToday.AddDays(1)))), HttpStatusCode.BadRequest, "decisionDate");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("decisionDate", "2026/12/03")), HttpStatusCode.BadRequest, "decisionDate");
        // A later end holds the subject longer than decided: that is a renewal.
        var later = await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("endDate", Day(start.AddMonths(6).AddDays(1)))), HttpStatusCode.BadRequest, "endDate");
        Assert.Contains("renewal", later.GetRawText());
        // Neither the case nor the start is a field of a correction.
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("caseNumber", CaseNumber())), HttpStatusCode.BadRequest, "caseNumber");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, Correction("startDate", Day(start.AddDays(-1)))), HttpStatusCode.BadRequest, "startDate");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["explanation"] = "更正" }), HttpStatusCode.BadRequest, "explanation");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["decisionNumber"] = "(2026)粤0103执1号" }), HttpStatusCode.BadRequest, "explanation");
        // Only the court whose ban it is corrects it.
        await ProblemAssert.IsProblem(await Yuexiu.PostAsync(path, Correction("decisionNumber", "(2026)粤0104执1号")), HttpStatusCode.Forbidden, "exitBanId");
        await ProblemAssert.IsProblem(await Liwan.PostAsync($"{Person(id)}/exit-bans/{Guid.NewGuid()}/corrections", Correction("decisionNumber", "(2026)粤0103执1号")),
            HttpStatusCode.NotFound, "exitBanId");

        var state = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        var ban = Assert.Single(state.GetProperty("exitBans").EnumerateArray());
        Assert.Equal((Day(start.AddMonths(6)), body["decisionDate"]!.GetValue<string>()), (ban.GetProperty("endDate").GetString(), ban.GetProperty("decisionDate").GetString()));
    }

    [Fact]
    public async Task A_restriction_orders_date_is_corrected_and_the_railway_receives_a_Changed_with_the_new_date()
    {
        var railway = new CreditClient(fixture.Platform.Client(AgencyKeys.Railway));
        var from = await HeadAsync(railway, "railway");
        var id = Identities.AdultResidentId();
        var body = Restriction(CaseNumber());
        var created = await Liwan.PostAsync($"{Person(id)}/restrictions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var path = $"{Person(id)}/restrictions/{(await created.JsonAsync()).GetProperty("id").GetString()}/corrections";
        var dayBefore = Day(ChinaToday.AddDays(-1));

        // The order takes effect on its date or later (consumption rules Art. 5), and is not dated in the future.
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["explanation"] = "更正", ["orderDate"] = Day(ChinaToday.AddDays(1)) }),
            HttpStatusCode.BadRequest, "orderDate");
        await ProblemAssert.IsProblem(await Liwan.PostAsync(path, new JsonObject { ["explanation"] = "更正" }), HttpStatusCode.BadRequest, "responsiblePersons");
        await ProblemAssert.IsProblem(await Yuexiu.PostAsync(path, new JsonObject { ["explanation"] = "更正", ["orderDate"] = dayBefore }), HttpStatusCode.Forbidden, "restrictionId");
        var corrected = await Liwan.PostAsync(path, new JsonObject { ["explanation"] = "限制消费令日期录入错误", ["orderDate"] = dayBefore });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var restriction = await corrected.JsonAsync();
        Assert.Equal((dayBefore, body["orderNumber"]!.GetValue<string>()), (restriction.GetProperty("orderDate").GetString(), restriction.GetProperty("orderNumber").GetString()));
        var changes = await ChangesForAsync(railway, "railway", from, id, until: c => c.Type == AgencyChangeType.Changed);
        Assert.Equal([AgencyChangeType.Added, AgencyChangeType.Changed], changes.Select(c => c.Type));
        Assert.Equal(ChinaToday.AddDays(-1), Assert.Single(changes[^1].Entry.Holds).DecisionDate);
        var history = (await (await Liwan.GetAsync($"{Person(id)}/history")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("kind").GetString());
        Assert.Equal(["Restricted", "RestrictionCorrected"], history);
    }

    [Fact]
    public async Task The_legal_representative_of_a_company_whose_order_is_corrected_carries_the_corrected_order_to_the_railway()
    {
        var railway = new CreditClient(fixture.Platform.Client(AgencyKeys.Railway));
        var from = await HeadAsync(railway, "railway");
        var (code, representative) = (Identities.CreditCode(), Identities.AdultResidentId());
        var body = Restriction(CaseNumber(), "广州某某贸易有限公司");
        body["responsiblePersons"] = new JsonArray(Responsible("LegalRepresentative", representative, "李四"));
        var created = await Liwan.PostAsync($"{Entity(code)}/restrictions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dayBefore = ChinaToday.AddDays(-1);

        var corrected = await Liwan.PostAsync($"{Entity(code)}/restrictions/{(await created.JsonAsync()).GetProperty("id").GetString()}/corrections",
            new JsonObject { ["explanation"] = "限制消费令日期录入错误", ["orderDate"] = Day(dayBefore) });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var personal = Assert.Single((await (await Liwan.GetAsync(Person(representative))).JsonAsync()).GetProperty("restrictions").EnumerateArray());
        Assert.Equal(("ResponsiblePerson", Day(dayBefore)), (personal.GetProperty("basis").GetString(), personal.GetProperty("orderDate").GetString()));
        var changes = await ChangesForAsync(railway, "railway", from, representative, until: c => c.Type == AgencyChangeType.Changed);
        Assert.Equal([AgencyChangeType.Added, AgencyChangeType.Changed], changes.Select(c => c.Type));
        Assert.Equal(dayBefore, Assert.Single(changes[^1].Entry.Holds).DecisionDate);
    }

    private static async Task<long> HeadAsync(CreditClient agency, string code)
    {
        using var snapshot = await agency.GetAgencySnapshotAsync(code, "ndjson", TestContext.Current.CancellationToken);
        return long.Parse(snapshot.Headers["Credit-Log-Position"].Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>The agency's changes of one subject after <paramref name="after"/>, in order, up to the first that
    /// <paramref name="until"/> accepts.</summary>
    private static async Task<List<AgencyChange>> ChangesForAsync(CreditClient agency, string code, long after, string id, Func<AgencyChange, bool> until)
    {
        var found = new List<AgencyChange>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var page = await agency.GetAgencyChangesAsync(code, after, 1000, 5, TestContext.Current.CancellationToken);
            foreach (var change in page.Changes.Where(c => c.Entry.IdNumber == id))
            {
                found.Add(change);
                if (until(change))
                    return found;
            }
            after = page.Next;
        }
        throw new Xunit.Sdk.XunitException($"{code} heard of {id} only {string.Join(", ", found.Select(c => c.Type))}: {JsonSerializer.Serialize(found)}");
    }
}
