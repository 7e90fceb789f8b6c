using System.Security.Claims;
using System.Text.Encodings.Web;
using Credit.Api.Agencies.Catalogue;
using Credit.Api.Courts;
using Credit.Api.Problems;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credit.Api.Agencies.Access;

/// <summary>Agency systems authenticate with a per-agency key in the same <c>X-Api-Key</c> header as courts;
/// the agency must still be in the registry.</summary>
public sealed class AgencyApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgencyKeys keys,
    AgencyCatalogueSource catalogue, IProblemDetailsService problems)
    : ApiKeyAuthenticationHandler(options, logger, encoder, problems)
{
    public const string SchemeName = "AgencyApiKey";
    public const string AgencyCodeClaim = "agency";
    public const string UnitCodeClaim = "agency-unit";
    public const string Policy = "Agency";

    protected override string UnknownKey => "The API key is not known, was revoked, or its agency left the registry.";

    protected override MissingKey Missing { get; } = new("An agency API key is required 需要联合惩戒单位的接口密钥",
        $"Send the agency's key in the {CourtApiKeyAuthentication.Header} header.", "must be a known, unrevoked agency API key");

    protected override async Task<IReadOnlyList<Claim>?> ClaimsForAsync(string key, CancellationToken cancellationToken)
    {
        var agency = await keys.FindAsync(key, cancellationToken);
        if (agency is null || !catalogue.Current.Agencies.TryGetValue(agency.Code, out var registered))
            return null;
        if (UnitRefusal(agency, registered) is { } rule)
            return Refused(rule);
        List<Claim> claims = [new Claim(AgencyCodeClaim, agency.Code), new Claim(ClaimTypes.Name, agency.Label)];
        if (agency.Unit is { } unit)
            claims.Add(new Claim(UnitCodeClaim, unit));
        return claims;
    }

    /// <summary>A unit's key needs its unit in the registry, and an agency with units serves no key without one: such a key
    /// would read the whole city's feed, which the agency's units exist to keep apart. Null when the key's unit is right.</summary>
    private static string? UnitRefusal(AgencyIdentity key, Agency agency) => (key.Unit, agency.Units.Count) switch
    {
        ({ } unit, 0) => $"names unit '{unit}', but agency '{agency.Code}' has no units in the registry: must be a key of the agency itself",
        ({ } unit, _) when agency.Units.All(u => u.Code != unit) =>
            $"names unit '{unit}', which is not a unit of agency '{agency.Code}' in the registry: must name one of its units",
        (null, > 0) => $"names no unit, and agency '{agency.Code}' serves only its units' keys, each for its own area: must name one of its units",
        _ => null,
    };
}
