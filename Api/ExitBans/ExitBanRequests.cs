using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Api.ExitBans;

/// <summary>限制出境 (Civil Procedure Law Art. 266): explicit start and end dates, as border inspection requires. A ban targets a natural
/// person; an entity's legal representative is banned as their own subject.</summary>
/// <param name="Subject">Who the debtor is; the document type and number are in the path.</param>
/// <param name="CaseNumber">案号 of the enforcement case, a case of the calling court.</param>
/// <param name="DecisionNumber">The number of the court's exit-ban decision (决定书); at most 100 characters.</param>
/// <param name="DecisionDate">The date of that decision (list rules Art. 5, as for every measure): not in the future, not before the
/// case number's year, and not after the start date.</param>
/// <param name="StartDate">The first day of the ban: at most a year ahead.</param>
/// <param name="EndDate">The last day of the ban: after the start date, not in the past, and at most the configured maximum (12 months
/// by default) after the start, counted as the Civil Code (Art. 201) counts periods, without the first day (12 months from 2026-12-03 run
/// through 2027-12-03); renew the ban before it lapses.</param>
/// <param name="ForEntity">For an entity's debt: the entity, and the person's role in it (legal representative, main
/// responsible person or directly responsible person; SPC enforcement interpretation Art. 24).</param>
public sealed record ImposeExitBanRequest(
    [property: Required] SubjectRequest? Subject,
    [property: Required, Example("(2025)粤0103执1234号")] string? CaseNumber,
    [property: Required, Example("(2025)粤0103执1234号之一")] string? DecisionNumber,
    [property: Required, Example("2025-02-28")] DateOnly? DecisionDate,
    [property: Required, Example("2025-03-01")] DateOnly? StartDate,
    [property: Required, Example("2025-08-31")] DateOnly? EndDate,
    EntityDebtRequest? ForEntity)
{
    public ImposeExitBan ToCommand(RequestErrors errors) => new(
        SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Text(DecisionNumber, "decisionNumber"),
        errors.Date(StartDate, "startDate"),
        errors.Date(EndDate, "endDate"),
        ForEntity?.ToDebt(errors),
        errors.Date(DecisionDate, "decisionDate"));
}

/// <summary>The entity whose debt an exit ban is for, and the banned person's role in it.</summary>
/// <param name="CreditCode">The entity's unified social credit code (GB 32100-2015).</param>
/// <param name="Name">The entity's name; at most 100 characters.</param>
/// <param name="Role">The banned person's role in the entity: LegalRepresentative, MainResponsiblePerson or DirectlyResponsiblePerson
/// (an actual controller is not banned for the entity's debt; SPC enforcement interpretation Art. 24).</param>
public sealed record EntityDebtRequest(
    [property: Required, Example("91440101MA5CXXXX1B")] string? CreditCode,
    [property: Required, Example("广州某某贸易有限公司")] string? Name,
    [property: Required, Example("LegalRepresentative")] ResponsibleRole? Role)
{
    public EntityDebt ToDebt(RequestErrors errors)
    {
        if (!Grains.Interfaces.Identifiers.CreditCode.TryParse(CreditCode, out var code, out var error))
            errors.Add("forEntity.creditCode", $"is not a valid credit code: {error}");
        return new EntityDebt(code.Value is null ? default : SubjectId.For(code), errors.Text(Name, "forEntity.name"), errors.Enum(Role, "forEntity.role"));
    }
}

/// <summary>Renewal of an exit ban before it lapses, by a new decision.</summary>
/// <param name="NewEndDate">The new last day: after the current one, and at most the configured maximum (12 months by default) after
/// it.</param>
/// <param name="DecisionNumber">The number of the renewal decision; at most 100 characters.</param>
/// <param name="DecisionDate">The date of the renewal decision: not in the future, not before the decision it renews, and not after the
/// current end date (a ban is renewed before it lapses).</param>
/// <param name="Explanation">Why the ban continues; at most 1000 characters.</param>
public sealed record RenewExitBanRequest(
    [property: Required, Example("2026-02-28")] DateOnly? NewEndDate,
    [property: Required, Example("(2025)粤0103执1234号之二")] string? DecisionNumber,
    [property: Required, Example("2025-08-20")] DateOnly? DecisionDate,
    [property: Required, Example("被执行人仍未履行")] string? Explanation)
{
    public RenewExitBan ToCommand(Guid exitBanId, RequestErrors errors) => new(
        exitBanId, errors.Date(NewEndDate, "newEndDate"), errors.Text(DecisionNumber, "decisionNumber"), errors.Text(Explanation, "explanation"),
        errors.Date(DecisionDate, "decisionDate"));
}

/// <summary>Lifting of an exit ban: it must be lifted on full performance, and may be on a guarantee or the creditor's consent.</summary>
/// <param name="Reason">Why the ban ends.</param>
/// <param name="Explanation">What happened; at most 1000 characters.</param>
public sealed record LiftExitBanRequest(
    [property: Required, Example("FullPerformance")] ExitBanLiftReason? Reason,
    [property: Required, Example("被执行人已全部履行")] string? Explanation)
{
    public LiftExitBan ToCommand(Guid exitBanId, RequestErrors errors) =>
        new(exitBanId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}

/// <summary>Correction of what was recorded wrongly of an exit ban (list rules Art. 9): the decision it rests on now (the one
/// that imposed it, or its latest renewal) and an end recorded later than decided. Send only what changes. Not the court, the case
/// or the person (lift the ban as WronglyImposed and impose the right one), nor the start, nor a later end (a renewal, by a new
/// decision).</summary>
/// <param name="Explanation">What was recorded wrongly; at most 1000 characters.</param>
/// <param name="DecisionNumber">The decision's number as it stands on the decision; at most 100 characters.</param>
/// <param name="DecisionDate">The decision's date, under the rule it was recorded under: not in the future, not before the case
/// number's year, and not after the start date; for a renewal, not after the end date it extended and not before the period in
/// force when it was decided.</param>
/// <param name="EndDate">The last day as decided, when an earlier one than recorded: after the start date (for a renewed ban, after
/// the end date the renewal extended) and not in the past.</param>
public sealed record CorrectExitBanRequest(
    [property: Required, Example("决定日期录入错误")] string? Explanation,
    [property: Example("(2025)粤0103执1234号之一")] string? DecisionNumber,
    [property: Example("2025-02-27")] DateOnly? DecisionDate,
    [property: Example("2025-08-30")] DateOnly? EndDate)
{
    public CorrectExitBan ToCommand(Guid exitBanId, RequestErrors errors) => new(
        exitBanId, errors.Text(Explanation, "explanation"), DecisionNumber, errors.OptionalDate(DecisionDate, "decisionDate"),
        errors.OptionalDate(EndDate, "endDate"));
}
