namespace Credit.Import;

/// <summary>What <c>./credit import FILE [--url URL] [--key KEY]</c> was asked.</summary>
/// <param name="Key">The court's API key: <c>--key</c>, else the environment's <c>CREDIT_API_KEY</c>, else the Liwan court's demo key
/// of the embedded default.</param>
/// <param name="Charset">The file's charset as <c>--charset</c> named it; found from the file's bytes when not named.</param>
public sealed record ImportOptions(string File, Uri Platform, string Key, string? Charset = null)
{
    public const string Usage = "usage: ./credit import FILE.csv|FILE.ndjson [--url http://127.0.0.1:5080] [--key COURT_API_KEY] [--charset utf-8|gb18030]";
    public const string DemoKey = "demo-liwan-district-court";

    public static ImportOptions Parse(string[] args, Func<string, string?> environment)
    {
        string? file = null;
        string? charset = null;
        var url = "http://127.0.0.1:5080";
        var key = environment("CREDIT_API_KEY");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--key" when i + 1 < args.Length:
                    key = args[++i];
                    break;
                case "--charset" when i + 1 < args.Length:
                    charset = FileCharset.Named(args[++i]) ?? throw new ArgumentException($"--charset '{args[i]}' is not utf-8 or gb18030 (gbk, gb2312)");
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && file is null:
                    file = value;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (file is null)
            throw new ArgumentException("name the file to import");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var platform))
            throw new ArgumentException($"--url '{url}' is not an absolute URL");
        return new ImportOptions(Path.GetFullPath(file), platform, string.IsNullOrWhiteSpace(key) ? DemoKey : key, charset);
    }

    /// <summary>CSV by default; NDJSON for .ndjson and .jsonl files.</summary>
    public string ContentType =>
        Path.GetExtension(File).ToLowerInvariant() is ".ndjson" or ".jsonl" ? "application/x-ndjson" : "text/csv";

    /// <summary>The report is written beside the file.</summary>
    public string ReportPath => Path.Combine(Path.GetDirectoryName(File) ?? ".", $"{Path.GetFileNameWithoutExtension(File)}.report.csv");
}
