using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Tokens;

namespace Credit.Api.Objections;

/// <summary>Whether a PDF carries anything a clerk's reader would run, fetch or open besides the pages: scripts, actions
/// other than going to a page or following a link the clerk clicks, forms that submit or carry XFA scripts, embedded files
/// and media. The file is parsed with PdfPig and every object its cross-reference table lists is read, including those
/// inside compressed object streams, with names decoded; the whole file's syntax is also scanned, so an object the table
/// leaves out (which a reader repairing the file would still find) is seen too.</summary>
internal static class PdfActiveContent
{
    // Links (/URI) stay allowed: ordinary PDFs such as bank statements carry them, and a reader opens one only when the
    // clerk clicks it and asks first. What runs without a click (/OpenAction other than a page, /AA) is refused.
    private static readonly HashSet<string> RefusedNames =
    [
        "JavaScript", "JS", "Launch", "SubmitForm", "ImportData", "GoToE", "GoToR", "ResetForm", "Hide", "Sound", "Movie",
        "Rendition", "RichMedia", "AA", "XFA", "EmbeddedFile", "EmbeddedFiles", "EF", "FileAttachment",
    ];

    /// <summary>The rule the PDF breaks, or null if it has no active content.</summary>
    public static string? Find(byte[] pdf)
    {
        if (PdfSyntaxScan.FindRefused(pdf, RefusedNames) is { } found)
            return Active(found);
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var structure = document.Structure;
            if (structure.Trailer.EncryptionToken is not null)
                return Encrypted;
            foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
            {
                if (Refused(structure.GetObject(reference).Data, structure) is { } inObject)
                    return Active(inObject);
            }
            return null;
        }
        catch (PdfDocumentEncryptedException)
        {
            return Encrypted;
        }
        catch (Exception error) when (error is PdfDocumentFormatException or InvalidOperationException or ArgumentException
            or IndexOutOfRangeException or InvalidCastException or KeyNotFoundException or NullReferenceException or FormatException
            or OverflowException or NotSupportedException or InvalidDataException or EndOfStreamException)
        {
            // A file PdfPig cannot read is one nobody here can vouch for.
            return "must be a PDF that can be read whole, so that its content can be checked; this one cannot be read";
        }
    }

    private const string Encrypted = "must be a PDF without encryption or passwords, so that its content can be checked";

    private static string Active(string found) =>
        $"must be a PDF without active content (scripts, actions that run or submit, forms, embedded files or media); {found}";

    private static string? Refused(IToken token, Structure structure) => token switch
    {
        DictionaryToken dictionary => Refused(dictionary.Data, structure),
        StreamToken stream => Refused(stream.StreamDictionary.Data, structure),
        ArrayToken array => array.Data.Select(item => Refused(item, structure)).FirstOrDefault(found => found is not null),
        NameToken name when RefusedNames.Contains(name.Data) => $"it carries /{name.Data}",
        _ => null,
    };

    private static string? Refused(IReadOnlyDictionary<string, IToken> dictionary, Structure structure)
    {
        foreach (var (key, value) in dictionary)
        {
            if (RefusedNames.Contains(key))
                return $"it carries /{key}";
            if (Refused(value, structure) is { } found)
                return found;
            if (key == "OpenAction" && OpenedWith(Resolve(value, structure), structure) is { } action)
                return $"it runs {action} when it is opened (/OpenAction may only name a page to show)";
        }
        return null;
    }

    /// <summary>The action an /OpenAction runs, or null if it only shows a page: a destination array, or a /GoTo action
    /// with nothing chained after it.</summary>
    private static string? OpenedWith(IToken action, Structure structure)
    {
        if (action is ArrayToken)
            return null;
        if (action is not DictionaryToken dictionary)
            return "an action";
        var type = dictionary.TryGet(NameToken.S, out var s) ? Resolve(s, structure) as NameToken : null;
        return type?.Data == "GoTo" && !dictionary.Data.ContainsKey("Next") ? null : type is null ? "an action" : $"/{type.Data}";
    }

    private static IToken Resolve(IToken token, Structure structure) =>
        token is IndirectReferenceToken reference ? structure.GetObject(reference.Data).Data : token;
}
