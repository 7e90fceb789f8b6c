using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Credit.Api.Agencies.Catalogue;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Agencies.Access;

/// <summary>The calling agency as the registry describes it at this moment: its measures, the states
/// they follow, and the fields it may receive; for a unit of an agency, also the unit and its area.</summary>
public sealed record AgencyScope(Agency Agency, IReadOnlyList<Measure> Measures, InterceptionTriggers Triggers)
{
    // A catalogue never changes (a reload swaps in a new one), so its scopes are made once and go with it.
    private static readonly ConditionalWeakTable<AgencyCatalogue, ConcurrentDictionary<(string, string?), AgencyScope>> Scopes = new();

    // Worked out once per agency: every check asks, and a snapshot asks for each of a million rows.
    private readonly string[][] codesByTriggers = CodesByTriggers(Measures);
    private readonly int fields = Agency.Fields.Aggregate(0, (all, field) => all | 1 << (int)field);

    /// <summary>The unit of the agency that is calling, or null for an agency without units.</summary>
    public AgencyUnit? Unit { get; init; }

    /// <summary>The only area whose subjects this scope receives (the unit's), or null for all of them.</summary>
    public Area? Area { get; init; }

    public bool Receives(AgencyField field) => (fields & 1 << (int)field) != 0;

    /// <summary>Codes of the agency's measures that any of <paramref name="triggers"/> sets off, in catalogue order
    /// (empty when none does).</summary>
    public IReadOnlyList<string> MeasureCodesFor(InterceptionTriggers triggers) => codesByTriggers[(int)(triggers & InterceptionTriggers.Any)];

    public static AgencyScope Of(ClaimsPrincipal user, AgencyCatalogue catalogue) =>
        Scopes.GetValue(catalogue, _ => new ConcurrentDictionary<(string, string?), AgencyScope>())
            .GetOrAdd((user.FindFirstValue(AgencyApiKeyAuthentication.AgencyCodeClaim)!, user.FindFirstValue(AgencyApiKeyAuthentication.UnitCodeClaim)),
                static (key, catalogue) =>
                {
                    var agency = catalogue.Agencies[key.Item1];
                    var unit = key.Item2 is { } code ? agency.Units.FirstOrDefault(u => u.Code == code) : null;
                    return new AgencyScope(agency, catalogue.MeasuresOf(agency), catalogue.TriggersOf(agency))
                    {
                        Unit = unit,
                        // A unit that left the registry after its key was admitted (a reload in between) has no area left.
                        Area = key.Item2 is null ? null : new Area(unit?.Regions ?? []),
                    };
                }, catalogue);

    private static string[][] CodesByTriggers(IReadOnlyList<Measure> measures) =>
        InterceptionTriggerTable.For(triggers => measures.Where(m => (m.Trigger.Flags() & triggers) != 0).Select(m => m.Code).ToArray());
}
