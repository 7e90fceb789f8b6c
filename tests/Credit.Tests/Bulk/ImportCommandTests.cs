using Credit.Import;
using Credit.Tests.Infrastructure;
using Spectre.Console;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary><c>./credit import FILE</c>: what a clerk sees, and the exit code a script acts on.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportCommandTests(PlatformFixture fixture) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("credit-import-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task Import_exits_non_zero_and_says_where_the_report_is_when_rows_are_refused()
    {
        var file = Path.Combine(folder.FullName, "listings.csv");
        var bad = Identities.AdultResidentId()[..17] + "Z";
        await File.WriteAllTextAsync(file, Csv([ChineseListingHeader, ListingRow(Identities.AdultResidentId(), CaseNumber()), ListingRow(bad, CaseNumber())]));

        var (exit, output) = await ImportAsync(file);

        Assert.Equal(Importer.RowsRefused, exit);
        var report = Path.Combine(folder.FullName, "listings.report.csv");
        Assert.Contains(report, output.Replace("\n", "", StringComparison.Ordinal));
        Assert.Contains("1 refused", output);
        var lines = await File.ReadAllLinesAsync(report);
        Assert.Contains(lines, l => l.StartsWith("3,listing,resident-id,", StringComparison.Ordinal) && l.Contains(",Refused,,Invalid,number,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2,listing,resident-id,", StringComparison.Ordinal) && l.Contains(",Accepted,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_of_a_clean_file_exits_0_and_a_refused_file_exits_3_naming_the_rule()
    {
        var clean = Path.Combine(folder.FullName, "clean.ndjson");
        await File.WriteAllTextAsync(clean, NdjsonLine("listing", "resident-id", Identities.AdultResidentId(), PersonListing(CaseNumber())));
        var wrong = Path.Combine(folder.FullName, "wrong.csv");
        await File.WriteAllTextAsync(wrong, "姓名,籍贯\n张三,广州\n");

        Assert.Equal(Importer.Applied, (await ImportAsync(clean)).Exit);
        var (exit, output) = await ImportAsync(wrong);
        Assert.Equal(Importer.FileRefused, exit);
        Assert.Contains("籍贯", output);
    }

    [Fact]
    public async Task Import_sends_a_file_excel_saved_in_gbk_as_gb18030_and_saves_a_report_excel_reads_as_utf8()
    {
        var (id, caseNumber) = (Identities.AdultResidentId(), CaseNumber());
        var file = Path.Combine(folder.FullName, "excel.csv");
        await File.WriteAllBytesAsync(file, Gb18030.GetBytes(Csv([ChineseListingHeader, ListingRow(id, caseNumber, name: "欧阳𪚥")])));

        var (exit, output) = await ImportAsync(file);

        Assert.Equal(Importer.Applied, exit);
        Assert.Contains("GB18030", output);
        using var court = fixture.Platform.Client(PlatformFixture.Liwan);
        var subject = await (await court.GetAsync(Person(id))).JsonAsync();
        Assert.Equal("欧阳𪚥", subject.GetProperty("profile").GetProperty("name").GetString());
        var report = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "excel.report.csv"));
        Assert.Equal("EFBBBF", Convert.ToHexString(report[..3]));
    }

    [Theory]
    [InlineData("gb18030", "佟伟伟")] // GBK D9A1 CEB0 CEB0, which is also UTF-8 for "١ΰΰ"
    [InlineData("utf-8", "José García")] // UTF-8 C3A9 and C3AD, which are also GBK for 茅 and 铆
    public async Task Import_of_a_file_that_reads_both_ways_shows_both_and_takes_the_charset_the_clerk_names(string charset, string name)
    {
        var id = Identities.AdultResidentId();
        using var court = fixture.Platform.Client(PlatformFixture.Liwan);
        var listing = await (await court.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), "佟伟"))).JsonAsync();
        var file = Path.Combine(folder.FullName, "fix.csv");
        var encoding = charset == "utf-8" ? System.Text.Encoding.UTF8 : Gb18030;
        await File.WriteAllBytesAsync(file, encoding.GetBytes(
            $"action,documentType,number,itemId,name,explanation\r\ncorrection,resident-id,{id},{listing.GetProperty("id").GetString()},{name},name typo fixed\r\n"));

        var (refused, shown) = await ImportAsync(file);
        var (applied, _) = await ImportAsync(file, "--charset", charset);

        Assert.Equal((Importer.FileRefused, Importer.Applied), (refused, applied));
        Assert.Contains("--charset", shown);
        Assert.Contains(name, shown.Replace("\n", "", StringComparison.Ordinal));
        var subject = await (await court.GetAsync(Person(id))).JsonAsync();
        Assert.Equal(name, subject.GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_charset_of_a_file_read_in_many_pieces_is_found_whatever_characters_the_pieces_cut()
    {
        var text = Csv([ChineseListingHeader, .. Enumerable.Range(0, 1_500).Select(_ => ListingRow(Identities.AdultResidentId(), CaseNumber()))]);
        var (utf8, gbk) = (Path.Combine(folder.FullName, "utf8.csv"), Path.Combine(folder.FullName, "gbk.csv"));
        await File.WriteAllTextAsync(utf8, text);
        await File.WriteAllBytesAsync(gbk, Gb18030.GetBytes(text));
        Assert.True(new FileInfo(gbk).Length > 3 * 64 * 1024);

        Assert.Equal(FileCharset.Utf8, (await FileCharset.DetectAsync(utf8, TestContext.Current.CancellationToken)).Charset);
        Assert.Equal(FileCharset.Gb18030, (await FileCharset.DetectAsync(gbk, TestContext.Current.CancellationToken)).Charset);
    }

    private async Task<(int Exit, string Output)> ImportAsync(string file, params string[] options)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        using var http = fixture.Platform.Client(PlatformFixture.Liwan);
        var exit = await new Importer(console, http, TimeSpan.FromMilliseconds(100))
            .RunAsync(ImportOptions.Parse([file, .. options], _ => null), TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }
}
