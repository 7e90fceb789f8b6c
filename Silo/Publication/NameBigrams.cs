namespace Credit.Silo.Publication;

/// <summary>Every two-character window of a name. Chinese names are 2–4 characters, too short for
/// trigram indexes; a GIN index over these windows answers "names containing 张三" without a scan.</summary>
public static class NameBigrams
{
    public static string[] Of(string name)
    {
        var text = name.Trim();
        if (text.Length < 2)
            return [text];
        return [.. Enumerable.Range(0, text.Length - 1).Select(i => text.Substring(i, 2)).Distinct(StringComparer.Ordinal)];
    }
}
