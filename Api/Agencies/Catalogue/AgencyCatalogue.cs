using Credit.ReadModels.Interceptions;


namespace Credit.Api.Agencies.Catalogue;

/// <summary>The measure catalogue and the agency registry as loaded from the operator's file, with the
/// lookups the feeds need. Immutable: a reload swaps in a new instance.</summary>
public sealed class AgencyCatalogue
{
    private readonly Dictionary<string, IReadOnlyList<Measure>> measuresByCategory;

    public AgencyCatalogue(IReadOnlyList<MeasureCategory> categories, IReadOnlyList<Measure> measures, IReadOnlyList<Agency> agencies)
    {
        Categories = categories;
        Measures = measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        Agencies = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        AgencyList = [.. agencies];
        measuresByCategory = measures.GroupBy(m => m.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<Measure> (g) => [.. g], StringComparer.Ordinal);
    }

    public IReadOnlyList<MeasureCategory> Categories { get; }

    public IReadOnlyDictionary<string, Measure> Measures { get; }

    public IReadOnlyDictionary<string, Agency> Agencies { get; }

    /// <summary>The agencies in the order of the operator's file.</summary>
    public IReadOnlyList<Agency> AgencyList { get; }

    /// <summary>The category's measures, in the order of the operator's file.</summary>
    public IReadOnlyList<Measure> MeasuresIn(MeasureCategory category) => measuresByCategory.GetValueOrDefault(category.Code, []);

    /// <summary>The agency's measures, in catalogue order.</summary>
    public IReadOnlyList<Measure> MeasuresOf(Agency agency) => [.. agency.Measures.Select(code => Measures[code])];

    /// <summary>Every state of a subject that some measure of the agency follows.</summary>
    public InterceptionTriggers TriggersOf(Agency agency) =>
        agency.Measures.Aggregate(InterceptionTriggers.None, (all, code) => all | Measures[code].Trigger.Flags());
}
