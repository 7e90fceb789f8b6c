using System.Security.Claims;
using System.Text.Encodings.Web;
using Credit.Api.Courts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Credit.Api.Problems;

/// <summary>What a key holder's 401 says: the title, how to send a key, and the rule a key must meet.</summary>
public sealed record MissingKey(string Title, string Detail, string Rule);

/// <summary>The one way a system's key in the <c>X-Api-Key</c> header is read for agencies, screen operators and partners:
/// no header is no result (another scheme may apply), an over-long or unknown key fails, a known one gives the holder's
/// claims; a missing key is a 401 and a key used past its grant a 403, both as problem details. A key that is known but
/// cannot serve now (<see cref="Refused"/>) is a 403 that says why: its holder did send a key.</summary>
public abstract class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaximumKeyLength = 200;

    /// <summary>The claim of a known key that admits nobody now, instead of its holder's claims; its value is the rule the key fails.</summary>
    public const string RefusedClaim = "key-refused";

    /// <summary>For <see cref="ClaimsForAsync"/>: the claims of a known key that cannot serve, and why (the rule it fails).</summary>
    protected static IReadOnlyList<Claim> Refused(string rule) => [new Claim(RefusedClaim, rule)];

    /// <summary>Why a key given is refused: unknown, revoked, or its holder left the file or registry that admits it.</summary>
    protected abstract string UnknownKey { get; }

    protected abstract MissingKey Missing { get; }

    /// <summary>The claims of the key's holder, or null when the key admits nobody now.</summary>
    protected abstract Task<IReadOnlyList<Claim>?> ClaimsForAsync(string key, CancellationToken cancellationToken);

    protected sealed override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(CourtApiKeyAuthentication.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        if (key.Length > MaximumKeyLength)
            return AuthenticateResult.Fail("The API key is too long.");
        if (await ClaimsForAsync(key, Context.RequestAborted) is not { } claims)
            return AuthenticateResult.Fail(UnknownKey);
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected sealed override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiKeyProblems.WriteMissingKeyAsync(Context, problems, CourtApiKeyAuthentication.Header, Missing.Title, Missing.Detail, Missing.Rule);

    protected sealed override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.User.FindFirst(RefusedClaim) is { } refused
            ? ApiKeyProblems.WriteRefusedKeyAsync(Context, problems, CourtApiKeyAuthentication.Header, "This key cannot be used 此密钥无法使用", refused.Value)
            : ApiKeyProblems.WriteForbiddenAsync(Context, problems, "This key may not use this endpoint 无权访问");
}
