using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Consumption rules Art. 8: a restricted person who must travel for an urgent reason applies to the court
    /// that restricted them, and travels only once it has approved. The restriction stays; the permission lets the
    /// person through one measure for the dates given, and agencies' checks show it beside the hit.</summary>
    public Decision GrantTravelPermission(GrantTravelPermission command, CommandContext context)
    {
        if (Id.IsEntity)
            return Refuse.Invalid("subject.number", "consumption rules Art. 8: a restricted person is permitted to travel; an entity's managers are restricted, and permitted, as their own subjects");
        if (State.Restrictions.Find(r => r.Id == command.RestrictionId) is not { } restriction)
            return Refuse.NotFound("restrictionId", "no consumption restriction with this id on this subject");
        if (OwnCase(restriction.Court, context, "restrictionId") is { } foreign)
            return foreign;
        if (restriction.Status != RestrictionStatus.Active)
            return Refuse.Conflict("restrictionId", "the restriction is lifted; there is nothing to permit");
        if (TextRules.Line(command.Measure, "measure", 20) is { } noMeasure)
            return noMeasure;
        if (!Enum.IsDefined(command.Reason))
            return Refuse.Invalid("reason", "consumption rules Art. 8: must be SeriousIllness, Funeral, OfficialDuty, ImportantExam or OtherEmergency");
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        if (command.From < Today)
            return Refuse.Invalid("from", "consumption rules Art. 8: the person travels only after the court approves; must not be in the past");
        if (command.Until < command.From)
            return Refuse.Invalid("until", "must not be before from");
        if (command.Until > Today.AddYears(1))
            return Refuse.Invalid("until", "must not be more than a year ahead");

        var permission = new TravelPermission(Guid.NewGuid(), restriction.Id, restriction.Court, restriction.CaseNumber, command.Measure.Trim(),
            command.From, command.Until, command.Reason, command.Explanation.Trim(), clock.GetUtcNow());
        State.TravelPermissions.Add(permission);
        Record(ChangeKind.TravelPermitted, permission.Id,
            $"consumption rules Art. 8, {permission.Reason}: measure {permission.Measure} from {permission.From:yyyy-MM-dd} through {permission.Until:yyyy-MM-dd}: {permission.Explanation}",
            context, new FieldChange("restrictionId", null, Text(restriction.Id)));
        return Decision.Accept(permission.Id);
    }
}
