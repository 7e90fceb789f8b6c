using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Api.Restrictions;

/// <summary>限制消费令 standing alone: the debtor missed the deadline in the execution notice (consumption rules Art. 1).</summary>
/// <param name="Subject">Who the debtor is; the document type and number are in the path.</param>
/// <param name="CaseNumber">案号 of the enforcement case, a case of the calling court.</param>
/// <param name="EffectiveFrom">The day the restriction order takes effect: not in the future, not before the case number's year.</param>
public sealed record ImposeRestrictionRequest(
    [property: Required] SubjectRequest? Subject,
    [property: Required, Example("(2025)粤0103执1234号")] string? CaseNumber,
    [property: Required, Example("2025-03-01")] DateOnly? EffectiveFrom)
{
    public ImposeRestriction ToCommand(RequestErrors errors) =>
        new(SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Date(EffectiveFrom, "effectiveFrom"));
}

/// <summary>解除限制消费 (consumption rules Art. 9).</summary>
/// <param name="Reason">ObligationPerformed, Guarantee, CreditorConsent or WronglyImposed (consumption rules Art. 9). A restriction
/// that came with an active listing is lifted by removing the listing, unless it was wrongly imposed.</param>
/// <param name="Explanation">What happened; at most 1000 characters.</param>
public sealed record LiftRestrictionRequest(
    [property: Required, Example("Guarantee")] RestrictionLiftReason? Reason,
    [property: Required, Example("被执行人提供充分有效的担保")] string? Explanation)
{
    public LiftRestriction ToCommand(Guid restrictionId, RequestErrors errors) =>
        new(restrictionId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
