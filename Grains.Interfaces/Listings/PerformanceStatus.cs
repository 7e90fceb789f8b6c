namespace Credit.Grains.Interfaces.Listings;

/// <summary>How far the debtor has performed the obligation (published under Art. 6). A fully performed
/// debtor is never on the list (Art. 10(1)), so there is no "performed" member.</summary>
public enum PerformanceStatus
{
    /// <summary>全部未履行.</summary>
    NotPerformed,
    /// <summary>部分履行.</summary>
    PartlyPerformed,
}
