namespace Credit.Grains.Subjects;

/// <summary>The rules that a deployment may tune. Everything else is fixed by law.</summary>
public sealed class SubjectRules
{
    public const string Section = "Credit:Rules";

    /// <summary>Longest exit ban per decision, in months. Courts set 3 or 6; at most 1 year.</summary>
    public int ExitBanMaximumMonths { get; set; } = 12;

    /// <summary>How many recent idempotency keys each subject remembers.</summary>
    public int RememberedIdempotencyKeys { get; set; } = 1000;
}
