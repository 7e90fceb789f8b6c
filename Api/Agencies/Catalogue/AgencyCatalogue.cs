using Credit.Grains.Interfaces.Agencies;

namespace Credit.Api.Agencies.Catalogue;

/// <summary>The measure catalogue and the agency registry as loaded from the operator's file, with the
/// lookups the feeds need. Immutable: a reload swaps in a new instance.</summary>
public sealed class AgencyCatalogue
{
    public AgencyCatalogue(IReadOnlyList<MeasureCategory> categories, IReadOnlyList<Measure> measures, IReadOnlyList<Agency> agencies)
    {
        Categories = categories;
        Measures = measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        Agencies = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<MeasureCategory> Categories { get; }

    public IReadOnlyDictionary<string, Measure> Measures { get; }

    public IReadOnlyDictionary<string, Agency> Agencies { get; }

    /// <summary>The agency's measures, in catalogue order.</summary>
    public IReadOnlyList<Measure> MeasuresOf(Agency agency) => [.. agency.Measures.Select(code => Measures[code])];

    /// <summary>Every state of a subject that some measure of the agency follows.</summary>
    public InterceptionTriggers TriggersOf(Agency agency) =>
        agency.Measures.Aggregate(InterceptionTriggers.None, (all, code) => all | Measures[code].Trigger.Flags());
}
