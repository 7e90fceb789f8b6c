using System.Security.Claims;
using Credit.Api.Agencies.Catalogue;
using Microsoft.AspNetCore.Mvc;

namespace Credit.Api.Agencies.Access;

/// <summary>What every handler under <c>/api/v1/agencies/{agency}</c> is given, bound once with <c>[AsParameters]</c>:
/// the agency its route names (the group lets in only the key's own) and the caller's scope in the registry in force.</summary>
public sealed record AgencyCaller([FromRoute(Name = "agency")] string Agency, ClaimsPrincipal User, AgencyCatalogueSource Catalogue)
{
    public AgencyScope Scope => AgencyScope.Of(User, Catalogue.Current);
}
