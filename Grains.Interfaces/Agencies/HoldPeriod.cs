namespace Credit.Grains.Interfaces.Agencies;

/// <summary>The one rule for "in force on day D", which every reader of holds applies (checks, snapshots, change feeds,
/// hit attribution, public search): a hold binds from its first day through its last, both in China time. An exit ban
/// decided today to start next month stops nobody until then; a fixed-term listing or ban past its last day stops
/// nobody, even before the subject's grain has recorded that it ended.</summary>
public static class HoldPeriod
{
    public static bool InForceOn(DateOnly since, DateOnly? until, DateOnly day) => since <= day && (until is not { } last || last >= day);
}
