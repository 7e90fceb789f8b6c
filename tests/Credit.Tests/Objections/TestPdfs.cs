using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Credit.Tests.Objections;

/// <summary>Small PDFs written byte by byte, with a correct cross-reference table, so a reader (and the platform) finds every
/// object where it is said to be. Object 1 is the catalog, object 2 the page tree, object 3 the page.</summary>
public static class TestPdfs
{
    /// <summary>A one-page document whose catalog carries <paramref name="catalogEntries"/>, with more objects from number 4.</summary>
    public static byte[] Document(string catalogEntries = "", params string[] moreObjects) =>
        Write(Objects(catalogEntries, moreObjects), compressed: []);

    /// <summary>The same, with the objects numbered in <paramref name="compressed"/> put inside a FlateDecode object stream
    /// and a cross-reference stream pointing into it, as PDF 1.5 writers do.</summary>
    public static byte[] WithObjectStream(string catalogEntries, int[] compressed, params string[] moreObjects) =>
        Write(Objects(catalogEntries, moreObjects), compressed);

    /// <summary>A clean document written by PdfPig's own builder: compressed page content, a font, text.</summary>
    public static byte[] Built()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.AddText("Receipt 2026-12-03, 1000.50 yuan", 12, new PdfPoint(25, 700), builder.AddStandard14Font(Standard14Font.Helvetica));
        return builder.Build();
    }

    private static List<string> Objects(string catalogEntries, string[] moreObjects) =>
    [
        $"<< /Type /Catalog /Pages 2 0 R {catalogEntries} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        .. moreObjects,
    ];

    private static byte[] Write(List<string> objects, int[] compressed)
    {
        var pdf = new MemoryStream();
        void Put(string text) => pdf.Write(Encoding.Latin1.GetBytes(text));
        Put("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new long[objects.Count + 3];
        for (var n = 1; n <= objects.Count; n++)
        {
            if (compressed.Contains(n))
                continue;
            offsets[n] = pdf.Position;
            Put($"{n} 0 obj\n{objects[n - 1]}\nendobj\n");
        }
        if (compressed.Length == 0)
        {
            var xref = pdf.Position;
            Put($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
            for (var n = 1; n <= objects.Count; n++)
                Put($"{offsets[n]:D10} 00000 n \n");
            Put($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            return pdf.ToArray();
        }

        var stream = objects.Count + 1;
        var header = new StringBuilder();
        var body = new StringBuilder();
        foreach (var n in compressed)
        {
            header.Append($"{n} {body.Length} ");
            body.Append(objects[n - 1]).Append('\n');
        }
        var packed = Deflate(Encoding.Latin1.GetBytes(header.ToString() + body));
        offsets[stream] = pdf.Position;
        Put($"{stream} 0 obj\n<< /Type /ObjStm /N {compressed.Length} /First {header.Length} /Filter /FlateDecode /Length {packed.Length} >>\nstream\n");
        pdf.Write(packed);
        Put("\nendstream\nendobj\n");

        // The cross-reference stream: type 1 (offset) or 2 (object stream, index) for each object, itself included.
        var xrefStream = stream + 1;
        offsets[xrefStream] = pdf.Position;
        var entries = new MemoryStream();
        entries.Write([0, 0, 0, 0, 0, 0xFF]);
        for (var n = 1; n <= xrefStream; n++)
        {
            var index = Array.IndexOf(compressed, n);
            var (type, field) = index >= 0 ? (2, (long)stream) : (1, offsets[n]);
            entries.Write([(byte)type, (byte)(field >> 24), (byte)(field >> 16), (byte)(field >> 8), (byte)field, (byte)Math.Max(index, 0)]);
        }
        Put($"{xrefStream} 0 obj\n<< /Type /XRef /Size {xrefStream + 1} /W [1 4 1] /Root 1 0 R /Length {entries.Length} >>\nstream\n");
        pdf.Write(entries.ToArray());
        Put($"\nendstream\nendobj\nstartxref\n{offsets[xrefStream]}\n%%EOF\n");
        return pdf.ToArray();
    }

    public static byte[] Deflate(byte[] plain)
    {
        var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal))
            zlib.Write(plain);
        return packed.ToArray();
    }
}
