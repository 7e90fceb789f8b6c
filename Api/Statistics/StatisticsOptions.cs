namespace Credit.Api.Statistics;

/// <summary>What the public statistics count (section <c>Credit:Statistics</c>).</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Credit:Statistics";

    /// <summary>The city whose totals the public sees: its intermediate court's code, counting that court and the courts below it.</summary>
    public string City { get; set; } = "粤01";
}
