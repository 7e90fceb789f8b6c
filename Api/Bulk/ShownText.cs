namespace Credit.Api.Bulk;

/// <summary>Text a file gave, as its report line shows it. PostgreSQL's text cannot hold a NUL (one in a row's number failed
/// the whole file's copy with a 500), and a report cell should not carry one either: it is shown as ␀.</summary>
public static class ShownText
{
    public static string Of(string text) => text.Replace('\0', '\u2400');
}
