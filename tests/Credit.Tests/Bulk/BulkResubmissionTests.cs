using System.Net;
using System.Text;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>A clerk sends a file again as clerks do: saved again by another program, or with the refused rows fixed. The rows
/// it had applied change nothing the second time; and a row that names its case is not mistaken, months later, for itself
/// when the case's listing has changed since.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkResubmissionTests(PlatformFixture fixture)
{
    private static readonly string[] Header = ["action", "documentType", "number", "name", "caseNumber", "enforcementBasisIssuer",
        "enforcementBasisNumber", "obligation", "amountOwed", "performance", "ground", "behaviour", "filingDate", "publicationDate",
        "decisionNumber", "decisionDate", "initiative", "reason", "explanation"];

    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    private static string[] Row(params (string Column, string Value)[] cells) => [.. Header.Select(h => cells.FirstOrDefault(c => c.Column == h).Value ?? "")];

    private static string[] Listing(string person, string caseNumber, string filingDate = "")
    {
        var listing = ListingRow(person, caseNumber);
        return Row(("action", "listing"), ("documentType", "resident-id"), ("number", person), ("name", "张三"), ("caseNumber", caseNumber),
            ("enforcementBasisIssuer", listing[5]), ("enforcementBasisNumber", listing[6]), ("obligation", listing[7]), ("amountOwed", listing[8]),
            ("performance", "NotPerformed"), ("ground", "RefusesDespiteAbility"), ("behaviour", listing[11]), ("filingDate", filingDate.Length > 0 ? filingDate : listing[12]),
            ("publicationDate", Today), ("decisionNumber", listing[14]), ("decisionDate", Today), ("initiative", "OwnMotion"));
    }

    private static string[] Removal(string person, string caseNumber) =>
        Row(("action", "removal"), ("documentType", "resident-id"), ("number", person), ("caseNumber", caseNumber), ("reason", "FullPerformance"), ("explanation", "已全部履行"));

    [Fact]
    public async Task The_same_rows_saved_again_with_other_line_endings_or_in_gbk_change_nothing()
    {
        var people = Enumerable.Range(0, 3).Select(_ => Identities.AdultResidentId()).ToList();
        var file = Csv([Header, .. people.Select(p => Listing(p, CaseNumber()))]);
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(file));
        var before = await HistoriesAsync(people);

        var crlf = await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(file.ReplaceLineEndings("\r\n")));
        var gbk = await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(Gb18030.GetBytes(file), "text/csv; charset=gb18030"));

        Assert.Equal(3, crlf.GetProperty("alreadyApplied").GetInt32());
        Assert.Equal(3, gbk.GetProperty("alreadyApplied").GetInt32());
        Assert.Equal(before, await HistoriesAsync(people));
    }

    [Fact]
    public async Task A_file_sent_again_with_its_refused_row_fixed_applies_that_row_and_answers_the_others_as_applied()
    {
        var people = Enumerable.Range(0, 3).Select(_ => Identities.AdultResidentId()).ToList();
        var cases = people.Select(_ => CaseNumber()).ToList();
        var broken = Csv([Header, Listing(people[0], cases[0]), Listing(people[1], cases[1], filingDate: "2026-02-30"), Listing(people[2], cases[2])]);
        var first = await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(broken));
        var before = await HistoriesAsync([people[0], people[2]]);

        var fixedFile = Csv([Header, Listing(people[0], cases[0]), Listing(people[1], cases[1]), Listing(people[2], cases[2])]);
        var job = await Liwan.SubmitAcceptedAsync(fixedFile);
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal(1, first.GetProperty("refused").GetInt32());
        Assert.Equal(["AlreadyApplied", "Accepted", "AlreadyApplied"], (await Liwan.ReportAsync(job)).Select(r => r.Outcome));
        Assert.Equal(before, await HistoriesAsync([people[0], people[2]]));
        Assert.Equal(HttpStatusCode.OK, (await Liwan.GetAsync(Person(people[1]))).StatusCode);
    }

    [Fact]
    public async Task A_listing_and_its_removal_sent_again_beside_an_edited_row_are_not_made_again()
    {
        var (person, caseNumber, other) = (Identities.AdultResidentId(), CaseNumber(), Identities.AdultResidentId());
        string File(string otherFiling) => Csv([Header, Listing(other, CaseNumber(), otherFiling), Listing(person, caseNumber), Removal(person, caseNumber)]);
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(File("2026-02-30")));
        var before = await HistoriesAsync([person]);

        var job = await Liwan.SubmitAcceptedAsync(File(""));
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal(["Accepted", "AlreadyApplied", "AlreadyApplied"], (await Liwan.ReportAsync(job)).Select(r => r.Outcome));
        Assert.Equal(before, await HistoriesAsync([person]));
        var listing = Assert.Single((await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("listings").EnumerateArray());
        Assert.Equal("Removed", listing.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_removal_sent_after_the_case_was_listed_again_removes_the_new_listing()
    {
        var (person, caseNumber) = (Identities.AdultResidentId(), CaseNumber());
        var removal = Csv([Header, Removal(person, caseNumber)]);
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(person)}/listings", PersonListing(caseNumber))).StatusCode);
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(removal));
        var relisting = PersonListing(caseNumber);
        relisting["decisionNumber"] = $"{caseNumber}之二";
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(person)}/listings", relisting)).StatusCode);

        var job = await Liwan.SubmitAcceptedAsync(removal);
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal("Accepted", Assert.Single(await Liwan.ReportAsync(job)).Outcome);
        var listings = (await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("listings").EnumerateArray().ToList();
        Assert.Equal(["Removed", "Removed"], listings.Select(l => l.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_file_sent_again_with_its_refused_row_deleted_does_not_apply_the_rows_that_moved_up_again()
    {
        // The correction moves from line 4 to line 3; made again, it would undo the correction the court made since.
        var (person, caseNumber, other) = (Identities.AdultResidentId(), CaseNumber(), Identities.AdultResidentId());
        var broken = Listing(other, CaseNumber(), filingDate: "2026-02-30");
        string[] Correction(string amount) => Row(("action", "correction"), ("documentType", "resident-id"), ("number", person),
            ("caseNumber", caseNumber), ("amountOwed", amount), ("explanation", "金额更正"));
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(Csv([Header, Listing(person, caseNumber), broken, Correction("180000.00")])));
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(Csv([Header, Correction("150000.00")])));

        var job = await Liwan.SubmitAcceptedAsync(Csv([Header, Listing(person, caseNumber), Correction("180000.00")]));
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal(["AlreadyApplied", "AlreadyApplied"], (await Liwan.ReportAsync(job)).Select(r => r.Outcome));
        var listing = Assert.Single((await (await Liwan.GetAsync(Person(person))).JsonAsync()).GetProperty("listings").EnumerateArray());
        Assert.Equal(150000.00m, listing.GetProperty("amountOwed").GetDecimal());
    }

    [Fact]
    public async Task An_old_file_that_listed_and_removed_a_case_sent_again_after_the_case_was_listed_again_changes_nothing()
    {
        var (person, caseNumber) = (Identities.AdultResidentId(), CaseNumber());
        var old = Csv([Header, Listing(person, caseNumber), Removal(person, caseNumber)]);
        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(old));
        var relisting = PersonListing(caseNumber);
        relisting["decisionNumber"] = $"{caseNumber}之二";
        Assert.Equal(HttpStatusCode.Created, (await Liwan.PostAsync($"{Person(person)}/listings", relisting)).StatusCode);
        var before = await HistoriesAsync([person]);

        var job = await Liwan.SubmitAcceptedAsync(old);
        await Liwan.WaitCompletedAsync(job);

        Assert.Equal(["AlreadyApplied", "AlreadyApplied"], (await Liwan.ReportAsync(job)).Select(r => r.Outcome));
        Assert.Equal(before, await HistoriesAsync([person]));
    }

    [Fact]
    public async Task The_same_row_twice_in_one_file_is_two_changes_and_the_second_is_decided_on_its_own()
    {
        var (person, caseNumber) = (Identities.AdultResidentId(), CaseNumber());

        var job = await Liwan.SubmitAcceptedAsync(Csv([Header, Listing(person, caseNumber), Listing(person, caseNumber)]));
        await Liwan.WaitCompletedAsync(job);

        var report = await Liwan.ReportAsync(job);
        Assert.Equal(("Accepted", "Refused", "Conflict"), (report[0].Outcome, report[1].Outcome, report[1].Kind));
    }

    private async Task<List<string>> HistoriesAsync(IEnumerable<string> ids)
    {
        var histories = new List<string>();
        foreach (var id in ids)
            histories.Add(await (await Liwan.GetAsync($"{Person(id)}/history")).Content.ReadAsStringAsync());
        return histories;
    }
}
