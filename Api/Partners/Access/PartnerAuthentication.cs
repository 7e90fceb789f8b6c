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
    : ApiKeyAuthenticationHandler(options, logger, encoder, problems)
{
    public const string SchemeName = "PartnerApiKey";
    public const string PartnerClaim = "exposure-partner";
    public const string Policy = "ExposurePartner";

    protected override string UnknownKey => "The API key is not known, was revoked, or its partner left the partner file.";

    protected override MissingKey Missing { get; } = new("An exposure partner's API key is required 需要曝光合作方的接口密钥",
        $"Send the partner's key in the {CourtApiKeyAuthentication.Header} header.", "must be a known, unrevoked exposure partner API key");

    protected override async Task<IReadOnlyList<Claim>?> ClaimsForAsync(string key, CancellationToken cancellationToken) =>
        await keys.FindAsync(key, cancellationToken) is { } holder && catalogue.Current.Partners.ContainsKey(holder.Code)
            ? [new Claim(PartnerClaim, holder.Code), new Claim(ClaimTypes.Name, holder.Label)]
            : null;
}
