using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Subjects;

/// <summary>List rules Art. 9, as for every measure: what was recorded wrongly of an exit ban is corrected, not revoked and
/// imposed again (which would tell border inspection the ban was wrong and drop it for a moment). A correction keeps every
/// rule the ban was made under, so it cannot do what only a new decision does.</summary>
public sealed partial class Subject
{
    public Decision CorrectExitBan(CorrectExitBan command, CommandContext context)
    {
        if (State.ExitBans.Find(b => b.Id == command.ExitBanId) is not { } ban)
            return Refuse.NotFound("exitBanId", "no exit ban with this id on this subject");
        if (OwnCase(ban.Court, context, "exitBanId") is { } foreign)
            return foreign;
        if (ban.Status != ExitBanStatus.Active)
            return Refuse.Conflict("exitBanId", $"the ban is {ban.Status.ToString().ToLowerInvariant()} and can no longer be corrected");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (command.DecisionNumber is not null && TextRules.Line(command.DecisionNumber, "decisionNumber", 100) is { } badNumber)
            return badNumber;
        if (command.DecisionDate is { } decided && CorrectedDecisionDate(ban, decided) is { } badDate)
            return badDate;
        if (command.EndDate is { } end && CorrectedEnd(ban, end) is { } badEnd)
            return badEnd;

        var corrected = ban with
        {
            DecisionNumber = command.DecisionNumber?.Trim() ?? ban.DecisionNumber,
            DecisionDate = command.DecisionDate ?? ban.DecisionDate,
            EndDate = command.EndDate ?? ban.EndDate,
        };
        var fields = new List<FieldChange>();
        Compare(fields, "decisionNumber", ban.DecisionNumber, corrected.DecisionNumber);
        Compare(fields, "decisionDate", ban.DecisionDate, corrected.DecisionDate);
        Compare(fields, "endDate", ban.EndDate, corrected.EndDate);
        if (fields.Count == 0)
            return Refuse.Invalid("explanation", "the correction changes no field; send the fields to correct (decisionNumber, decisionDate, endDate)");

        State.ExitBans[State.ExitBans.FindIndex(b => b.Id == ban.Id)] = corrected;
        var decision = ban.Renewals == 0 ? "the decision" : "the renewal decision";
        Record(ChangeKind.ExitBanCorrected, ban.Id,
            $"Art. 9 correction of {decision} {corrected.DecisionNumber}{DatedText(corrected.DecisionDate)}, {corrected.CurrentPeriodStart:yyyy-MM-dd} to {corrected.EndDate:yyyy-MM-dd}: {command.Explanation.Trim()}",
            context, [.. fields]);
        return Decision.Accept(ban.Id);
    }

    /// <summary>The date of the decision the ban rests on now keeps that decision's rule: the imposing one is made in the case
    /// before the ban starts; a renewal while the ban was in force, before the end it extended (as <see cref="RenewExitBan"/>
    /// checks it).</summary>
    private Refusal? CorrectedDecisionDate(ExitBan ban, DateOnly decided)
    {
        if (ban.Renewals == 0)
            return DecisionDateOf(decided, ban.CaseNumber, ban.StartDate, "startDate");
        // A ban renewed before these days were recorded keeps only what it still shows: its start and its end.
        var extended = ban.RenewedFrom?.AddDays(-1) ?? ban.EndDate;
        var decidedFrom = ban.RenewalDecidedFrom ?? ban.StartDate;
        if (DecisionDateOf(decided, ban.CaseNumber, extended, "end date it extended,") is { } refused)
            return refused;
        return decided < decidedFrom
            ? Refuse.Invalid("decisionDate", $"a renewal is decided while the ban is in force: on or after {decidedFrom:yyyy-MM-dd}, the first day of the period it was renewed in")
            : null;
    }

    /// <summary>An end recorded later than decided may be moved earlier, under the rules of the decision that set it; a later
    /// end is a renewal (a new decision), never a correction.</summary>
    private Refusal? CorrectedEnd(ExitBan ban, DateOnly end)
    {
        if (end > ban.EndDate)
            return Refuse.Invalid("endDate", $"a correction does not move the end later than {ban.EndDate:yyyy-MM-dd}: a longer ban is a renewal, by a new decision (POST …/exit-bans/{{id}}/renewals)");
        if (ban.RenewedFrom is { } renewedFrom && end < renewedFrom)
            return Refuse.Invalid("endDate", $"must be after {renewedFrom.AddDays(-1):yyyy-MM-dd}, the end date the renewal extended");
        if (end <= ban.StartDate)
            return Refuse.Invalid("endDate", "border inspection needs an end date after the start date");
        return end < Today
            ? Refuse.Invalid("endDate", "must not be in the past, as on imposing: the corrected ban ends today at the earliest")
            : null;
    }
}
