using System.Security.Cryptography;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Credit.Api.Objections;

/// <summary>An applicant's files, checked by their content: a PDF by its header, its end-of-file marker, by being parsed and
/// by the absence of active content (<see cref="PdfActiveContent"/>); a JPEG by its signature and by being decoded whole. The name and
/// any declared type prove nothing.</summary>
public static class AttachmentIntake
{
    public const int MaximumFiles = 5;
    public const int MaximumBytes = 2 * 1024 * 1024;
    public const int MaximumTotalBytes = 8 * 1024 * 1024;
    public const int MaximumSide = 8000;
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";

    private static readonly SixLabors.ImageSharp.Configuration JpegOnly = new(new JpegConfigurationModule());

    public sealed record CheckedFile(string FileName, string MediaType, byte[] Content, string Sha256);

    public static List<CheckedFile> Read(IReadOnlyList<AttachmentRequest?>? requests, RequestErrors errors)
    {
        var files = new List<CheckedFile>();
        if (requests is null)
            return files;
        if (requests.Count > MaximumFiles)
        {
            errors.Add("attachments", $"at most {MaximumFiles} files");
            return files;
        }
        long total = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var at = $"attachments[{i}]";
            if (requests[i] is not { } request)
            {
                errors.Add(at, "is null");
                continue;
            }
            var name = request.FileName;
            if (name is null)
                errors.Add($"{at}.fileName", "is required");
            else if (TextRules.Line(name, $"{at}.fileName", 100, published: false) is { } badName)
                errors.Add(badName.Field, badName.Rule);
            else if (name.IndexOfAny(['/', '\\']) >= 0 || name.Trim() is "." or "..")
                errors.Add($"{at}.fileName", "is a file's name, without folders");
            if (request.Content is null)
            {
                errors.Add($"{at}.content", "is required");
                continue;
            }
            // Base64 of 2 MiB is at most 2,796,204 characters: anything longer is refused before it is decoded.
            if (request.Content.Length > (MaximumBytes + 2) / 3 * 4)
            {
                errors.Add($"{at}.content", $"must be at most {MaximumBytes / 1024 / 1024} MiB");
                continue;
            }
            var bytes = new byte[request.Content.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(request.Content, bytes, out var length))
            {
                errors.Add($"{at}.content", "must be the file's bytes in base64");
                continue;
            }
            var content = bytes.AsSpan(0, length).ToArray();
            total += content.Length;
            if (content.Length == 0 || content.Length > MaximumBytes)
            {
                errors.Add($"{at}.content", $"must be 1 byte to {MaximumBytes / 1024 / 1024} MiB");
                continue;
            }
            var mediaType = MediaTypeOf(content, out var rule);
            if (mediaType is null)
            {
                errors.Add($"{at}.content", rule);
                continue;
            }
            if (name is not null)
                files.Add(new CheckedFile(name.Trim(), mediaType, content, Convert.ToHexStringLower(SHA256.HashData(content))));
        }
        if (total > MaximumTotalBytes)
            errors.Add("attachments", $"must be at most {MaximumTotalBytes / 1024 / 1024} MiB together");
        return files;
    }

    /// <summary>The name a file is downloaded under: the applicant's, with the extension of the type its content was found to be.
    /// A PDF named 凭证.html, saved and opened by a clerk, would otherwise be opened as a web page.</summary>
    public static string DownloadName(string fileName, string mediaType)
    {
        string[] extensions = mediaType == Pdf ? [".pdf"] : mediaType == Jpeg ? [".jpg", ".jpeg"] : [];
        if (extensions.Length == 0 || extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            return fileName;
        var stem = Path.GetExtension(fileName) is { Length: > 1 } given ? fileName[..^given.Length] : fileName;
        return (stem.Length > 0 ? stem : "attachment") + extensions[0];
    }

    public static IReadOnlyList<ObjectionAttachment> Describe(IReadOnlyList<CheckedFile> files) =>
        [.. files.Select((f, i) => new ObjectionAttachment(i + 1, f.FileName, f.MediaType, f.Content.Length, f.Sha256))];

    /// <summary>The file's type as its content shows it, or null with the rule it breaks.</summary>
    public static string? MediaTypeOf(byte[] content, out string rule)
    {
        rule = "";
        if (content.AsSpan().StartsWith("%PDF-"u8))
        {
            var tail = content.AsSpan(Math.Max(0, content.Length - 1024));
            if (tail.IndexOf("%%EOF"u8) < 0)
            {
                rule = "is not a whole PDF: its end-of-file marker (%%EOF) is missing";
                return null;
            }
            if (PdfActiveContent.Find(content) is { } broken)
            {
                rule = broken;
                return null;
            }
            return Pdf;
        }
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            // A decoder fills a cut-off image in with grey; a whole one ends with its end-of-image marker (FF D9).
            if (content.AsSpan(Math.Max(0, content.Length - 32)).IndexOf([(byte)0xFF, (byte)0xD9]) < 0)
            {
                rule = "must be a whole JPEG image: its end-of-image marker is missing";
                return null;
            }
            try
            {
                var info = Image.Identify(JpegOnly, content, out _);
                if (info is null)
                {
                    rule = "must be a whole, readable JPEG image";
                    return null;
                }
                if (info.Width > MaximumSide || info.Height > MaximumSide)
                {
                    rule = $"must be a JPEG of at most {MaximumSide}×{MaximumSide} pixels";
                    return null;
                }
                using var image = Image.Load<Rgba32>(JpegOnly, content);
                return Jpeg;
            }
            catch (Exception error) when (error is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                rule = "must be a whole, readable JPEG image";
                return null;
            }
        }
        rule = "must be a PDF or a JPEG image (its content is read, not its name)";
        return null;
    }
}
