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
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScreenOperatorApiKey";
    public const string OperatorClaim = "screen-operator";
    public const string Policy = "ScreenOperator";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(CourtApiKeyAuthentication.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        if (key.Length > 200)
            return AuthenticateResult.Fail("The API key is too long.");
        var holder = await keys.FindAsync(key, Context.RequestAborted);
        if (holder is null || !channels.Current.Operators.ContainsKey(holder.Code))
            return AuthenticateResult.Fail("The API key is not known, was revoked, or its operator left the channel file.");
        var identity = new ClaimsIdentity([new Claim(OperatorClaim, holder.Code), new Claim(ClaimTypes.Name, holder.Label)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteMissingKeyAsync(Context, problems, CourtApiKeyAuthentication.Header, "A screen operator's API key is required 需要屏幕运营单位的接口密钥",
            $"Send the screen operator's key in the {CourtApiKeyAuthentication.Header} header.", "must be a known, unrevoked screen operator API key");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteForbiddenAsync(Context, problems, "This key may not use this endpoint 无权访问");
}
