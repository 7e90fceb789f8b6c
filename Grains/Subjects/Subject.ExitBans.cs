using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    public Decision ImposeExitBan(ImposeExitBan command, CommandContext context)
    {
        if (Id.IsEntity)
            return Refuse.Invalid("subject.number", "an exit ban targets a natural person; for an entity's debt, ban its legal representative, main responsible person " +
                "or a directly responsible person as their own subject, naming the entity and their role (forEntity)");
        if (Identify(command.Subject) is { } unidentified)
            return unidentified;
        if (CaseOfThisCourt(command.CaseNumber, context) is { } foreign)
            return foreign;
        if (TextRules.Line(command.DecisionNumber, "decisionNumber", 100) is { } noDecision)
            return noDecision;
        if (DecisionDateOf(command.DecisionDate, command.CaseNumber, command.StartDate, "startDate") is { } badDecision)
            return badDecision;
        if (command.ForEntity is { } debt && ValidateEntityDebt(debt) is { } badDebt)
            return badDebt;
        if (command.ForEntity is not null && State.Profile!.BirthDate is { } birth && command.StartDate < birth.AdultFrom())
            return Refuse.Invalid("subject.number", $"the person is a minor on {command.StartDate:yyyy-MM-dd} (an adult from {birth.AdultFrom():yyyy-MM-dd}) and cannot answer for an entity (enforcement interpretation Art. 24); check the number");
        if (command.StartDate.Year < command.CaseNumber.Year)
            return Refuse.Invalid("startDate", $"must not be before the case number's year {command.CaseNumber.Year}: the ban is decided in the enforcement case");
        if (command.EndDate <= command.StartDate)
            return Refuse.Invalid("endDate", "border inspection needs an end date after the start date");
        if (command.EndDate < Today)
            return Refuse.Invalid("endDate", "must not be in the past");
        if (command.StartDate > Today.AddYears(1))
            return Refuse.Invalid("startDate", "must not be more than a year ahead");
        // Civil Code Art. 201: a period in months does not count its first day, so 12 months from 2026-12-03 run through 2027-12-03.
        if (command.EndDate > command.StartDate.AddMonthsClamped(rules.ExitBanMaximumMonths))
            return Refuse.Invalid("endDate", $"an exit ban lasts at most {rules.ExitBanMaximumMonths} months per decision; renew it before it lapses");
        if (State.ExitBans.Any(b => b.Status == ExitBanStatus.Active && b.CaseNumber == command.CaseNumber))
            return Refuse.Conflict("caseNumber", "this subject already has an exit ban in this case; renew it instead");

        var ban = new ExitBan(Guid.NewGuid(), context.Court, command.CaseNumber, command.StartDate, command.EndDate, command.DecisionNumber.Trim(),
            ExitBanStatus.Active, null, 0, command.ForEntity is { } forEntity ? forEntity with { EntityName = forEntity.EntityName.Trim() } : null,
            command.DecisionDate);
        State.ExitBans.Add(ban);
        var debtor = ban.ForEntity is { } entity ? $" as {entity.Role} of {entity.Entity} ({entity.EntityName}), for the entity's debt (enforcement interpretation Art. 24)" : "";
        Record(ChangeKind.ExitBanImposed, ban.Id, $"Civil Procedure Law Art. 266, decision {ban.DecisionNumber}{DatedText(ban.DecisionDate)}: {ban.StartDate:yyyy-MM-dd} to {ban.EndDate:yyyy-MM-dd}{debtor}", context);
        RecordNameCorrectedWith(ban.Id, context);
        return Decision.Accept(ban.Id);
    }

    public Decision RenewExitBan(RenewExitBan command, CommandContext context)
    {
        if (State.ExitBans.Find(b => b.Id == command.ExitBanId) is not { } ban)
            return Refuse.NotFound("exitBanId", "no exit ban with this id on this subject");
        if (OwnCase(ban.Court, context, "exitBanId") is { } foreign)
            return foreign;
        if (ban.Status != ExitBanStatus.Active)
            return Refuse.Conflict("exitBanId", $"the ban is {ban.Status.ToString().ToLowerInvariant()}; impose a new one instead");
        if (TextRules.Line(command.DecisionNumber, "decisionNumber", 100) is { } noDecision)
            return noDecision;
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (DecisionDateOf(command.DecisionDate, ban.CaseNumber, ban.EndDate, "endDate") is { } badDecision)
            return badDecision;
        if (command.DecisionDate < ban.DecisionDate)
            return Refuse.Invalid("decisionDate", $"must not be before the date {ban.DecisionDate:yyyy-MM-dd} of the decision it renews");
        // Exit-ban practice: a ban is renewed before it lapses, one decision of at most a year at a time, for the period after
        // the one in force. Renewing a period not yet begun would stack years of decisions ahead of time.
        if (ban.CurrentPeriodStart > Today)
            return Refuse.Conflict("exitBanId", ban.RenewedFrom is { } renewedFrom
                ? $"the ban was already renewed for the period from {renewedFrom:yyyy-MM-dd}; renew it again once that period has begun"
                : $"the ban starts on {ban.StartDate:yyyy-MM-dd} and is not in force yet; a ban is renewed while in force, before it lapses");
        if (command.DecisionDate < ban.CurrentPeriodStart)
            return Refuse.Invalid("decisionDate", $"a renewal is decided while the ban is in force: on or after {ban.CurrentPeriodStart:yyyy-MM-dd}");
        if (command.NewEndDate <= ban.EndDate)
            return Refuse.Invalid("newEndDate", $"must be after the current end date {ban.EndDate:yyyy-MM-dd}");
        if (command.NewEndDate > ban.EndDate.AddMonthsClamped(rules.ExitBanMaximumMonths))
            return Refuse.Invalid("newEndDate", $"a renewal adds at most {rules.ExitBanMaximumMonths} months to the current end date");

        var renewed = ban with
        {
            EndDate = command.NewEndDate, DecisionNumber = command.DecisionNumber.Trim(), DecisionDate = command.DecisionDate, Renewals = ban.Renewals + 1,
            RenewedFrom = ban.EndDate.AddDays(1),
            RenewalDecidedFrom = ban.CurrentPeriodStart,
        };
        State.ExitBans[State.ExitBans.FindIndex(b => b.Id == ban.Id)] = renewed;
        var fields = new List<FieldChange>
        {
            new("endDate", Text(ban.EndDate), Text(renewed.EndDate)),
            new("decisionNumber", ban.DecisionNumber, renewed.DecisionNumber),
        };
        Compare(fields, "decisionDate", ban.DecisionDate, renewed.DecisionDate);
        Record(ChangeKind.ExitBanRenewed, ban.Id, $"renewed by decision {renewed.DecisionNumber}{DatedText(renewed.DecisionDate)}: {command.Explanation.Trim()}", context,
            [.. fields]);
        return Decision.Accept(ban.Id);
    }

    public Decision LiftExitBan(LiftExitBan command, CommandContext context)
    {
        if (State.ExitBans.Find(b => b.Id == command.ExitBanId) is not { } ban)
            return Refuse.NotFound("exitBanId", "no exit ban with this id on this subject");
        if (OwnCase(ban.Court, context, "exitBanId") is { } foreign)
            return foreign;
        if (ban.Status != ExitBanStatus.Active)
            return Refuse.Conflict("exitBanId", $"the ban is already {ban.Status.ToString().ToLowerInvariant()}");
        if (!Enum.IsDefined(command.Reason))
            return Refuse.Invalid("reason", "must be FullPerformance, Guarantee, CreditorConsent, WronglyImposed or EnforcementEnded");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (command.Reason is ExitBanLiftReason.FullPerformance or ExitBanLiftReason.EnforcementEnded && ActiveListingInCase(ban.CaseNumber) is { } listed)
            return Refuse.Conflict("reason", $"list rules Art. 10 ¶1: the listing {listed.Id} of case {listed.CaseNumber} is still in force; " +
                "remove it for FullPerformance (or the ruling that ended enforcement), which lifts the case's exit bans and restrictions with it");

        EndExitBan(ban, command.Reason, command.Explanation.Trim(), context);
        return Decision.Accept(ban.Id);
    }

    /// <summary>SPC enforcement interpretation Art. 24: for an entity's debt, exit may be barred to its legal
    /// representative, main responsible person or a person directly responsible for the debt, not to others.</summary>
    private static Refusal? ValidateEntityDebt(EntityDebt debt)
    {
        if (!debt.Entity.IsEntity)
            return Refuse.Invalid("forEntity.creditCode", "is the credit code of the entity whose debt the ban is for");
        if (TextRules.Name(debt.EntityName, "forEntity.name", 100) is { } badName)
            return badName;
        if (debt.Role is not (ResponsibleRole.LegalRepresentative or ResponsibleRole.MainResponsiblePerson or ResponsibleRole.DirectlyResponsiblePerson))
            return Refuse.Invalid("forEntity.role", "enforcement interpretation Art. 24: for an entity's debt, exit is barred to its LegalRepresentative, MainResponsiblePerson or a DirectlyResponsiblePerson");
        return null;
    }

    private void EndExitBan(ExitBan ban, ExitBanLiftReason reason, string explanation, CommandContext context)
    {
        State.ExitBans[State.ExitBans.FindIndex(b => b.Id == ban.Id)] = ban with
        {
            Status = ExitBanStatus.Lifted,
            Lift = new ExitBanLift(reason, explanation, clock.GetUtcNow()),
        };
        Record(ChangeKind.ExitBanLifted, ban.Id, $"{reason}: {explanation}", context);
    }

    /// <summary>List rules Art. 5, as for every measure: the exit-ban decision (决定书) carries its date, made in the case and
    /// before what it decides takes effect. Commands from before the date was recorded carry none.</summary>
    /// <param name="takesEffect">The day the decision must precede: the ban's start, or for a renewal the end it extends.</param>
    private Refusal? DecisionDateOf(DateOnly? decisionDate, CaseNumber caseNumber, DateOnly takesEffect, string effectField)
    {
        if (decisionDate is not { } decided)
            return null;
        if (decided > Today)
            return Refuse.Invalid("decisionDate", "must not be in the future");
        if (decided.Year < caseNumber.Year)
            return Refuse.Invalid("decisionDate", $"must not be before the case number's year {caseNumber.Year}: the decision is made in the enforcement case");
        return decided > takesEffect
            ? Refuse.Invalid("decisionDate", $"must not be after the {effectField} {takesEffect:yyyy-MM-dd}: the ban is decided before it takes effect")
            : null;
    }

    private static string DatedText(DateOnly? date) => date is { } d ? $" of {d:yyyy-MM-dd}" : "";
}
