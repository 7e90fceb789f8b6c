using System.Net;
using Credit.Tests.Infrastructure;

namespace Credit.Tests.Api;

/// <summary>Every page and answer tells the browser to trust only the platform's own files, never to be framed by another
/// site, never to sniff a type, and never to pass on in a Referer what was searched for.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SecurityHeadersTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/objection.html")]
    [InlineData("/app.js")]
    [InlineData("/api/v1/public/listings?name=%E5%BC%A0%E4%B8%89")]
    [InlineData("/api/v1/public/listings?name=x")]
    [InlineData("/no-such-page")]
    public async Task Pages_and_answers_carry_the_content_security_policy_and_refuse_framing_and_sniffing(string path)
    {
        var response = await fixture.Platform.Client().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_openapi_explorer_keeps_its_own_inline_script_and_is_still_never_sniffed()
    {
        var response = await fixture.Platform.Client().GetAsync("/openapi/index.html", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
