using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Api.Subjects;

/// <summary>Subjects are addressed as <c>/api/v1/subjects/{documentType}/{number}</c>, e.g.
/// <c>/api/v1/subjects/resident-id/11010519491231002X</c> or <c>/api/v1/subjects/credit-code/91440101…</c>.</summary>
public static class SubjectRoute
{
    public const string Prefix = "/api/v1/subjects/{documentType}/{number}";

    /// <summary>A court-only group of endpoints under a subject; each operation's result type declares the rest of its
    /// answers.</summary>
    public static RouteGroupBuilder MapSubjectGroup(this IEndpointRouteBuilder app, string suffix, string tag) =>
        app.MapGroup($"{Prefix}{suffix}")
            .WithSubjectParameters()
            .WithTags(tag)
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Describes the two parameters of <see cref="Prefix"/> in the OpenAPI document.</summary>
    public static RouteGroupBuilder WithSubjectParameters(this RouteGroupBuilder group) => group
        .WithParameter("documentType",
            $"The document that identifies the subject: {string.Join(", ", DocumentTypes.All.Select(t => t.Slug()))}.", "resident-id")
        .WithParameter("number",
            "The document's number: an 18-character resident ID (GB 11643-1999) or unified social credit code (GB 32100-2015), " +
            "or the passport or permit number.", "11010519491231002X");

    public static string PathOf(SubjectId id) => $"/api/v1/subjects/{id.Type.Slug()}/{Uri.EscapeDataString(id.Number)}";

    /// <param name="allowCreditCodeCheckMismatch">The court-confirmed override for real codes whose check character fails.</param>
    public static SubjectId Resolve(string documentType, string number, RequestErrors errors, bool allowCreditCodeCheckMismatch = false)
    {
        if (!DocumentTypes.TryParseSlug(documentType, out var type))
        {
            errors.Add("documentType", $"must be one of {string.Join(", ", DocumentTypes.All.Select(t => t.Slug()))}");
            return default;
        }
        // As the public search reads it: full-width digits (４４０１…), as a Chinese input method types them, are the same number.
        if (!SubjectId.TryCreate(type, TypedIdText.Plain(number), out var id, out var error, allowCreditCodeCheckMismatch))
        {
            var hint = type == DocumentType.CreditCode && error.Contains("check character", StringComparison.Ordinal)
                ? "; if the court has confirmed the code, send subject.confirmCreditCodeCheckOverride = true"
                : "";
            errors.Add("number", $"is not a valid {type.Slug()}: {error}{hint}");
        }
        return id;
    }
}
