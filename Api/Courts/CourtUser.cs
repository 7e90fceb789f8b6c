using System.Security.Claims;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.ApiKeys;

namespace Credit.Api.Courts;

public static class CourtUser
{
    public static CourtCode Court(this ClaimsPrincipal user) => CourtCode.Parse(user.FindFirstValue(CourtApiKeyAuthentication.CourtCodeClaim)!);

    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
