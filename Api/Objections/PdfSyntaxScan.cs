using System.IO.Compression;
using System.Text;

namespace Credit.Api.Objections;

/// <summary>Every name in a PDF's object syntax, read the way a reader rebuilding a damaged file reads it: the whole file,
/// not only the objects its cross-reference table lists; <c>#xx</c> escapes decoded (<c>/J#61vaScript</c> is /JavaScript);
/// strings, comments and stream data skipped, except object streams (/ObjStm), whose objects are inflated and read too.</summary>
internal static class PdfSyntaxScan
{
    // An object stream is pure object syntax; a larger inflated total is a compression bomb, not a receipt.
    private const int MaximumInflatedBytes = 32 * 1024 * 1024;

    /// <summary>The first refused name, or the reason the file's objects cannot all be read; null if neither.</summary>
    public static string? FindRefused(byte[] pdf, IReadOnlySet<string> refusedNames)
    {
        var inflated = 0;
        return Scan(pdf, refusedNames, insideObjectStream: false, ref inflated);
    }

    private static string? Scan(byte[] data, IReadOnlySet<string> refused, bool insideObjectStream, ref int inflated)
    {
        // What the dictionary of the object being read has said so far about its stream.
        bool objectStream = false, filter = false, flate = false, otherCoding = false;
        var i = 0;
        while (i < data.Length)
        {
            var b = data[i];
            if (b == '%')
                i = SkipLine(data, i);
            else if (b == '(')
                i = SkipLiteralString(data, i);
            else if (b == '<')
                i = i + 1 < data.Length && data[i + 1] == '<' ? i + 2 : SkipTo(data, i, (byte)'>');
            else if (b == '/')
            {
                var (name, end) = ReadName(data, i + 1);
                i = end;
                if (refused.Contains(name))
                    return $"it carries /{name}";
                switch (name)
                {
                    case "ObjStm": objectStream = true; break;
                    case "Filter": filter = true; break;
                    case "FlateDecode" or "Fl": flate = true; break;
                    case "DecodeParms" or "DP" or "ASCIIHexDecode" or "AHx" or "ASCII85Decode" or "A85" or "LZWDecode" or "LZW"
                        or "RunLengthDecode" or "RL" or "Crypt":
                        otherCoding = true; break;
                }
            }
            else if (IsRegular(b))
            {
                var start = i;
                while (i < data.Length && IsRegular(data[i]))
                    i++;
                var keyword = data.AsSpan(start, i - start);
                if (keyword.SequenceEqual("obj"u8))
                    objectStream = filter = flate = otherCoding = false;
                else if (keyword.SequenceEqual("stream"u8))
                {
                    var bodyStart = i < data.Length && data[i] == '\r' ? i + 1 : i;
                    bodyStart = bodyStart < data.Length && data[bodyStart] == '\n' ? bodyStart + 1 : bodyStart;
                    // The first endstream, not /Length: a stream that claims to run further only hides more bytes from a
                    // reader that trusts the length, and those are read here as syntax.
                    var bodyEnd = data.AsSpan(bodyStart).IndexOf("endstream"u8);
                    bodyEnd = bodyEnd < 0 ? data.Length : bodyStart + bodyEnd;
                    if (objectStream)
                    {
                        if (insideObjectStream)
                            return "it nests an object stream in another";
                        if (otherCoding || (filter && !flate))
                            return "its compressed objects (/ObjStm) use a filter other than plain /FlateDecode, so they cannot be checked";
                        var body = data.AsSpan(bodyStart, bodyEnd - bodyStart);
                        var objects = flate ? Inflate(body, ref inflated) : body.ToArray();
                        if (objects is null)
                            return "its compressed objects (/ObjStm) cannot be inflated, so they cannot be checked";
                        if (Scan(objects, refused, insideObjectStream: true, ref inflated) is { } found)
                            return found;
                    }
                    objectStream = filter = flate = otherCoding = false;
                    i = Math.Min(data.Length, bodyEnd + "endstream".Length);
                }
            }
            else
                i++;
        }
        return null;
    }

    private static byte[]? Inflate(ReadOnlySpan<byte> compressed, ref int inflated)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                inflated += read;
                if (inflated > MaximumInflatedBytes)
                    return null;
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A name's characters up to the next white space or delimiter, with <c>#xx</c> escapes decoded.</summary>
    private static (string Name, int End) ReadName(byte[] data, int i)
    {
        var name = new List<byte>();
        while (i < data.Length && IsRegular(data[i]))
        {
            if (data[i] == '#' && i + 2 < data.Length && IsHex(data[i + 1]) && IsHex(data[i + 2]))
            {
                name.Add(Convert.ToByte(Encoding.ASCII.GetString(data, i + 1, 2), 16));
                i += 3;
            }
            else
                name.Add(data[i++]);
        }
        return (Encoding.Latin1.GetString([.. name]), i);
    }

    private static int SkipLine(byte[] data, int i)
    {
        while (i < data.Length && data[i] is not ((byte)'\r' or (byte)'\n'))
            i++;
        return i;
    }

    private static int SkipTo(byte[] data, int i, byte end)
    {
        var at = data.AsSpan(i).IndexOf(end);
        return at < 0 ? data.Length : i + at + 1;
    }

    /// <summary>Past a (string): parentheses nest unless escaped with a backslash.</summary>
    private static int SkipLiteralString(byte[] data, int i)
    {
        var depth = 0;
        for (; i < data.Length; i++)
        {
            if (data[i] == '\\')
                i++;
            else if (data[i] == '(')
                depth++;
            else if (data[i] == ')' && --depth == 0)
                return i + 1;
        }
        return data.Length;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static bool IsRegular(byte b) =>
        b is not (0 or 9 or 10 or 12 or 13 or 32) && "()<>[]{}/%"u8.IndexOf(b) < 0;
}
