using Credit.Api.Subjects;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.ExitBans;

/// <summary>限制出境: explicit start and end dates, as border inspection requires.</summary>
/// <param name="ForEntity">For an entity's debt: the entity, and the person's role in it (legal representative, main
/// responsible person or directly responsible person; SPC enforcement interpretation Art. 24).</param>
public sealed record ImposeExitBanRequest(SubjectRequest? Subject, string? CaseNumber, string? DecisionNumber, DateOnly? StartDate, DateOnly? EndDate,
    EntityDebtRequest? ForEntity)
{
    public ImposeExitBan ToCommand(RequestErrors errors) => new(
        SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Text(DecisionNumber, "decisionNumber"),
        errors.Required(StartDate, "startDate"),
        errors.Required(EndDate, "endDate"),
        ForEntity?.ToDebt(errors));
}

/// <summary>The entity whose debt an exit ban is for, and the banned person's role in it.</summary>
/// <param name="CreditCode">The entity's unified social credit code.</param>
public sealed record EntityDebtRequest(string? CreditCode, string? Name, ResponsibleRole? Role)
{
    public EntityDebt ToDebt(RequestErrors errors)
    {
        if (!Grains.Interfaces.Identifiers.CreditCode.TryParse(CreditCode, out var code, out var error))
            errors.Add("forEntity.creditCode", $"is not a valid credit code: {error}");
        return new EntityDebt(code.Value is null ? default : SubjectId.For(code), errors.Text(Name, "forEntity.name"), errors.Enum(Role, "forEntity.role"));
    }
}

public sealed record RenewExitBanRequest(DateOnly? NewEndDate, string? DecisionNumber, string? Explanation)
{
    public RenewExitBan ToCommand(Guid exitBanId, RequestErrors errors) => new(
        exitBanId, errors.Required(NewEndDate, "newEndDate"), errors.Text(DecisionNumber, "decisionNumber"), errors.Text(Explanation, "explanation"));
}

public sealed record LiftExitBanRequest(ExitBanLiftReason? Reason, string? Explanation)
{
    public LiftExitBan ToCommand(Guid exitBanId, RequestErrors errors) =>
        new(exitBanId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
