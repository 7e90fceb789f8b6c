using Credit.Api.Subjects;
using Credit.Grains.Interfaces.ExitBans;

namespace Credit.Api.ExitBans;

/// <summary>限制出境: explicit start and end dates, as border inspection requires.</summary>
public sealed record ImposeExitBanRequest(SubjectRequest? Subject, string? CaseNumber, string? DecisionNumber, DateOnly? StartDate, DateOnly? EndDate)
{
    public ImposeExitBan ToCommand(RequestErrors errors) => new(
        SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Text(DecisionNumber, "decisionNumber"),
        errors.Date(StartDate, "startDate"),
        errors.Date(EndDate, "endDate"));
}

public sealed record RenewExitBanRequest(DateOnly? NewEndDate, string? DecisionNumber, string? Explanation)
{
    public RenewExitBan ToCommand(Guid exitBanId, RequestErrors errors) => new(
        exitBanId, errors.Date(NewEndDate, "newEndDate"), errors.Text(DecisionNumber, "decisionNumber"), errors.Text(Explanation, "explanation"));
}

public sealed record LiftExitBanRequest(ExitBanLiftReason? Reason, string? Explanation)
{
    public LiftExitBan ToCommand(Guid exitBanId, RequestErrors errors) =>
        new(exitBanId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
