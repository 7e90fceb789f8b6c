using System.Security.Claims;
using System.Text.Encodings.Web;
using Credit.Api.Problems;
using Credit.ReadModels.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credit.Api.Courts;

/// <summary>Courts authenticate with a per-court key in the <c>X-Api-Key</c> header.</summary>
public sealed class CourtApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CourtKeys keys, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CourtApiKey";
    public const string Header = "X-Api-Key";
    public const string CourtCodeClaim = "court";
    public const string CourtNameClaim = "court_name";
    public const string CourtNameEnClaim = "court_name_en";
    public const string Policy = "Court";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        if (key.Length > 200)
            return AuthenticateResult.Fail("The API key is too long.");
        var court = await keys.FindAsync(key, Context.RequestAborted);
        if (court is null)
            return AuthenticateResult.Fail("The API key is not known or was revoked.");
        var identity = new ClaimsIdentity(
            [new Claim(CourtCodeClaim, court.Code), new Claim(CourtNameClaim, court.Name), new Claim(CourtNameEnClaim, court.NameEn),
                new Claim(ClaimTypes.Name, court.Label)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteMissingKeyAsync(Context, problems, Header, "A court API key is required 需要法院的接口密钥", $"Send the court's key in the {Header} header.", "must be a known, unrevoked court API key");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteForbiddenAsync(Context, problems, "This key may not use this endpoint 无权访问");
}
