using System.Security.Claims;
using System.Text.Encodings.Web;
using Credit.Api.Configuration;
using Credit.Api.Courts;
using Credit.Api.Partners.Catalogue;
using Credit.Api.Problems;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credit.Api.Partners.Access;

/// <summary>Exposure partners' systems authenticate with a per-partner key in the same <c>X-Api-Key</c> header as courts,
/// agencies and screen operators; the partner must still be in the partner file.</summary>
public sealed class PartnerAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PartnerKeys keys,
    WatchedFile<PartnerCatalogue> catalogue, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PartnerApiKey";
    public const string PartnerClaim = "exposure-partner";
    public const string Policy = "ExposurePartner";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(CourtApiKeyAuthentication.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        if (key.Length > 200)
            return AuthenticateResult.Fail("The API key is too long.");
        var holder = await keys.FindAsync(key, Context.RequestAborted);
        if (holder is null || !catalogue.Current.Partners.ContainsKey(holder.Code))
            return AuthenticateResult.Fail("The API key is not known, was revoked, or its partner left the partner file.");
        var identity = new ClaimsIdentity([new Claim(PartnerClaim, holder.Code), new Claim(ClaimTypes.Name, holder.Label)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteMissingKeyAsync(Context, problems, CourtApiKeyAuthentication.Header, "An exposure partner's API key is required 需要曝光合作方的接口密钥",
            $"Send the partner's key in the {CourtApiKeyAuthentication.Header} header.", "must be a known, unrevoked exposure partner API key");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteForbiddenAsync(Context, problems, "This key may not use this endpoint 无权访问");
}
