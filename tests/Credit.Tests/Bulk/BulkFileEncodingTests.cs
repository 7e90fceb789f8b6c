using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Credit.Tests.Api;
using Credit.Tests.Infrastructure;
using static Credit.Tests.Bulk.BulkJobs;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Bulk;

/// <summary>Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK: such a file is read when its Content-Type names the
/// charset, and refused, with the way out, when it does not. A UTF-8 file declared GBK is refused rather than stored with every
/// Chinese character garbled.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BulkFileEncodingTests(PlatformFixture fixture)
{
    private HttpClient Liwan => fixture.Platform.Client(PlatformFixture.Liwan);

    [Theory]
    [InlineData("text/csv; charset=gb18030")]
    [InlineData("text/csv; charset=GBK")]
    [InlineData("text/csv; charset=\"gb2312\"")]
    public async Task A_gbk_file_that_names_its_charset_is_read_with_its_rare_characters(string contentType)
    {
        var (id, caseNumber) = (Identities.AdultResidentId(), CaseNumber());
        var file = Gb18030.GetBytes(Csv([ChineseListingHeader, ListingRow(id, caseNumber, name: "龚𪚥䶮")]));

        var job = await Liwan.SubmitAcceptedAsync(file, contentType);
        var progress = await Liwan.WaitCompletedAsync(job);

        Assert.Equal(1, progress.GetProperty("accepted").GetInt32() + progress.GetProperty("alreadyApplied").GetInt32());
        var subject = await (await Liwan.GetAsync(Person(id))).JsonAsync();
        var listing = Assert.Single(subject.GetProperty("listings").EnumerateArray());
        Assert.Equal(caseNumber, listing.GetProperty("caseNumber").GetString());
        Assert.Equal("龚𪚥䶮", subject.GetProperty("profile").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_gbk_file_sent_as_utf8_is_refused_saying_how_to_send_it_and_nothing_is_stored()
    {
        var id = Identities.AdultResidentId();
        var file = Gb18030.GetBytes(Csv([ChineseListingHeader, ListingRow(id, CaseNumber())]));

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv"), HttpStatusCode.BadRequest, "body");

        Assert.Contains("charset=gb18030", refused.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Theory]
    [InlineData("张三")]   // six bytes of UTF-8 that GB18030 reads, garbled, without an error
    [InlineData("张三丰")] // nine, whose last one GB18030 cannot pair with the comma after it
    public async Task A_utf8_file_declared_gbk_is_refused_naming_the_content_type_and_nothing_is_stored(string name)
    {
        // English headers, so nothing but the charset check stands between this file and names stored garbled.
        // Past 64 kB, so that the file is read in several pieces and characters are cut between them.
        var id = Identities.AdultResidentId();
        var rows = Enumerable.Range(0, 2_500).Select(_ => $"restriction,resident-id,{Identities.AdultResidentId()},{name},{CaseNumber()}\n");
        var file = Encoding.UTF8.GetBytes($"action,documentType,number,name,caseNumber\nrestriction,resident-id,{id},{name},{CaseNumber()}\n{string.Concat(rows)}");
        Assert.True(file.Length > 128 * 1024);

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv; charset=gbk"), HttpStatusCode.BadRequest, "Content-Type");

        Assert.Contains("UTF-8", refused.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await Liwan.GetAsync(Person(id))).StatusCode);
    }

    [Fact]
    public async Task A_charset_other_than_utf8_or_gb18030_is_refused_415_listing_the_ones_read()
    {
        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync("action,documentType,number\n"u8.ToArray(), "text/csv; charset=big5"),
            HttpStatusCode.UnsupportedMediaType, "Content-Type");

        Assert.Contains("gb18030", refused.GetRawText());
    }

    [Fact]
    public async Task A_gbk_file_whose_chinese_happens_to_read_as_utf8_letters_must_name_its_charset_and_is_then_read_as_written()
    {
        // 佟伟伟 in GBK is D9A1 CEB0 CEB0, which is also UTF-8 for "١ΰΰ": sent without a charset it was stored and published so.
        var id = Identities.AdultResidentId();
        var listing = await (await Liwan.PostAsync($"{Person(id)}/listings", PersonListing(CaseNumber(), "佟伟"))).JsonAsync();
        var file = Gb18030.GetBytes($"action,documentType,number,itemId,name,explanation\r\ncorrection,resident-id,{id},{listing.GetProperty("id").GetString()},佟伟伟,name typo fixed\r\n");

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv"), HttpStatusCode.BadRequest, "Content-Type");
        Assert.Contains("charset=gb18030", refused.GetRawText());
        Assert.Equal("佟伟", await NameAsync(id));

        await Liwan.WaitCompletedAsync(await Liwan.SubmitAcceptedAsync(file, "text/csv; charset=gb18030"));
        Assert.Equal("佟伟伟", await NameAsync(id));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_naming_the_first_byte_that_is_not_and_its_line()
    {
        // 400 rows of UTF-8 first: the bad byte is some pieces into the file, and Chinese characters are cut between them.
        var lines = Csv([ChineseListingHeader, .. Enumerable.Range(0, 400).Select(_ => ListingRow(Identities.AdultResidentId(), CaseNumber())),
            ListingRow(Identities.AdultResidentId(), CaseNumber(), name: "黄河")]);
        var utf8 = Encoding.UTF8.GetBytes(lines[..lines.IndexOf("黄河", StringComparison.Ordinal)]);
        var file = (byte[])[.. utf8, .. Gb18030.GetBytes(lines[lines.IndexOf("黄河", StringComparison.Ordinal)..])];

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv"), HttpStatusCode.BadRequest, "body");

        Assert.True(refused.GetRawText().Contains($"byte {utf8.Length} (line 402) is not UTF-8", StringComparison.Ordinal), refused.GetRawText());
    }

    [Fact]
    public async Task A_utf16_file_is_refused_saying_it_is_utf16_and_how_to_save_it()
    {
        var file = (byte[])[.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv([ChineseListingHeader, ListingRow(Identities.AdultResidentId(), CaseNumber())]))];

        var asUtf8 = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv"), HttpStatusCode.BadRequest, "body");
        var asGbk = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv; charset=gbk"), HttpStatusCode.BadRequest, "body");

        Assert.Contains("UTF-16", asUtf8.GetRawText());
        Assert.Contains("UTF-16", asGbk.GetRawText());
    }

    [Fact]
    public async Task A_gbk_file_behind_utf8s_byte_order_mark_is_refused_naming_the_mark()
    {
        var file = (byte[])[0xEF, 0xBB, 0xBF, .. Gb18030.GetBytes(Csv([ChineseListingHeader, ListingRow(Identities.AdultResidentId(), CaseNumber())]))];

        var refused = await ProblemAssert.IsProblem(await Liwan.SubmitBytesAsync(file, "text/csv; charset=gbk"), HttpStatusCode.BadRequest, "Content-Type");

        Assert.Contains("byte-order mark", refused.GetRawText());
    }

    private async Task<string?> NameAsync(string id) =>
        (await (await Liwan.GetAsync(Person(id))).JsonAsync()).GetProperty("profile").GetProperty("name").GetString();

}
