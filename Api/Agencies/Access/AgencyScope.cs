using System.Security.Claims;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.Api.Agencies.Access;

/// <summary>The calling agency as the registry describes it at this moment: its measures, the states
/// they follow, and the fields it may receive.</summary>
public sealed record AgencyScope(Agency Agency, IReadOnlyList<Measure> Measures, InterceptionTriggers Triggers)
{
    public bool Receives(AgencyField field) => Agency.Fields.Contains(field);

    /// <summary>The agency's measures that a hold of this kind triggers.</summary>
    public IEnumerable<Measure> MeasuresFor(InterceptionTriggers trigger) => Measures.Where(m => (m.Trigger.Flags() & trigger) != 0);

    public static AgencyScope Of(ClaimsPrincipal user, AgencyCatalogue catalogue)
    {
        var agency = catalogue.Agencies[user.FindFirstValue(AgencyApiKeyAuthentication.AgencyCodeClaim)!];
        return new AgencyScope(agency, catalogue.MeasuresOf(agency), catalogue.TriggersOf(agency));
    }
}
