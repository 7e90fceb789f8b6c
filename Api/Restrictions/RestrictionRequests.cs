using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Api.Restrictions;

/// <summary>限制消费令 standing alone: the debtor missed the deadline in the execution notice.</summary>
public sealed record ImposeRestrictionRequest(SubjectRequest? Subject, string? CaseNumber, DateOnly? EffectiveFrom)
{
    public ImposeRestriction ToCommand(RequestErrors errors) =>
        new(SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Date(EffectiveFrom, "effectiveFrom"));
}

/// <summary>解除限制消费 (consumption rules Art. 9).</summary>
public sealed record LiftRestrictionRequest(RestrictionLiftReason? Reason, string? Explanation)
{
    public LiftRestriction ToCommand(Guid restrictionId, RequestErrors errors) =>
        new(restrictionId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
