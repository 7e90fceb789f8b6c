using System.Text;

namespace Credit.ReadModels.PublicListings;

/// <summary>Every two-character window of a name. Chinese names are 2–4 characters, too short for trigram indexes; a GIN
/// index over these windows answers "names containing 张三" without a scan.
/// <para>A character here is a code point (a <see cref="Rune"/>), never a UTF-16 unit: 𠮷 (U+20BB7, CJK Extension B) is one
/// character in two units, and a window cut between them is not text at all. Code points are also what PostgreSQL's
/// <c>substr</c> and <c>char_length</c> count in a UTF-8 database, so these windows are exactly those of the SQL function
/// <c>name_inner_bigrams</c> (0201_public_search_name_index.sql), which the search compares them with. A combining sequence
/// (e + U+0301) is two code points and may be cut by a window on both sides alike; whether the name contains the query is
/// decided by LIKE on the whole name, so no window needs to be a whole text element.</para></summary>
public static class NameBigrams
{
    public static string[] Of(string name) => Windows(name, from: 0);

    /// <summary>The windows that do not start at the name's first character, as <c>name_inner_bigrams</c> makes them.</summary>
    public static string[] Inner(string name) => Windows(name, from: 1);

    private static string[] Windows(string name, int from)
    {
        // A lone surrogate (which stored text cannot hold any longer) reads as U+FFFD rather than failing.
        var characters = name.Trim().EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (characters.Length < 2)
            return from == 0 ? [string.Concat(characters)] : [];
        return [.. Enumerable.Range(from, characters.Length - 1 - from).Select(i => characters[i] + characters[i + 1]).Distinct(StringComparer.Ordinal)];
    }
}
