using System.Security.Claims;
using System.Text.Encodings.Web;
using Credit.Api.Configuration;
using Credit.Api.Courts;
using Credit.Api.Problems;
using Credit.Api.Screens.Channels;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credit.Api.Screens.Access;

/// <summary>Screen operators' systems authenticate with a per-operator key in the same <c>X-Api-Key</c> header as courts and
/// agencies; the operator must still be in the channel file.</summary>
public sealed class ScreenOperatorAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScreenOperatorKeys keys,
    WatchedFile<ScreenChannels> channels, IProblemDetailsService problems)
    : ApiKeyAuthenticationHandler(options, logger, encoder, problems)
{
    public const string SchemeName = "ScreenOperatorApiKey";
    public const string OperatorClaim = "screen-operator";
    public const string Policy = "ScreenOperator";

    protected override string UnknownKey => "The API key is not known, was revoked, or its operator left the channel file.";

    protected override MissingKey Missing { get; } = new("A screen operator's API key is required 需要屏幕运营单位的接口密钥",
        $"Send the screen operator's key in the {CourtApiKeyAuthentication.Header} header.", "must be a known, unrevoked screen operator API key");

    protected override async Task<IReadOnlyList<Claim>?> ClaimsForAsync(string key, CancellationToken cancellationToken) =>
        await keys.FindAsync(key, cancellationToken) is { } holder && channels.Current.Operators.ContainsKey(holder.Code)
            ? [new Claim(OperatorClaim, holder.Code), new Claim(ClaimTypes.Name, holder.Label)]
            : null;
}
