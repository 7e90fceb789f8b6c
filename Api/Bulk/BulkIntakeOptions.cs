namespace Credit.Api.Bulk;

/// <summary>The limits of a bulk file (section <c>Credit:Bulk</c>).</summary>
public sealed class BulkIntakeOptions
{
    public const string Section = "Credit:Bulk";

    /// <summary>The largest file taken, in megabytes: 200,000 listings in CSV are about 90 MB.</summary>
    public int MaxFileMegabytes { get; set; } = 256;

    /// <summary>The most rows a file may hold.</summary>
    public int MaxRows { get; set; } = 500_000;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;
}
