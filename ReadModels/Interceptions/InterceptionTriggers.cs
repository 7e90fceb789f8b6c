namespace Credit.ReadModels.Interceptions;

/// <summary>The states of a subject that make an agency's measures apply to it. A measure names the
/// trigger it follows; an agency intercepts a subject while any trigger of its measures holds.</summary>
[Flags]
public enum InterceptionTriggers
{
    None = 0,
    /// <summary>失信被执行人: an active dishonest-debtor listing (list rules Arts. 7–8: joint punishment).</summary>
    DishonestListing = 1,
    /// <summary>限制消费: an active consumption restriction, the subject's own or as an entity's legal
    /// representative (consumption rules Arts. 1 and 3).</summary>
    ConsumptionRestriction = 2,
    /// <summary>限制出境: an active exit ban (Civil Procedure Law Art. 266).</summary>
    ExitBan = 4,
    /// <summary>Any of the three.</summary>
    Any = DishonestListing | ConsumptionRestriction | ExitBan,
}

/// <summary>Tables with one entry for every combination of triggers, indexed by the flags' value: worked out once, then
/// looked up per subject or per check.</summary>
public static class InterceptionTriggerTable
{
    public static T[] For<T>(Func<InterceptionTriggers, T> entry) =>
        [.. Enumerable.Range(0, (int)InterceptionTriggers.Any + 1).Select(triggers => entry((InterceptionTriggers)triggers))];
}
