using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Subjects;

public sealed partial class Subject
{
    /// <summary>Art. 9: a wrong name is corrected within 3 working days, whatever item it was recorded with. The name belongs to
    /// the subject, not to one case, so any court with an item in force on the subject may correct it; the history names the
    /// court, and the change reaches every channel like any other.</summary>
    public Decision CorrectName(CorrectSubjectName command, CommandContext context)
    {
        if (State.Profile is null)
            return Refuse.NotFound("subject", "no court has recorded this subject");
        if (ItemInForceOf(context.Court) is not { } item)
            return Refuse.Forbidden("subject", $"court {context.Court} has no listing, consumption restriction or exit ban in force on this subject; " +
                "a court corrects the name of a subject it acts on");
        if (TextRules.Name(command.Name, "name", 100) is { } badName)
            return badName;
        if (TextRules.Paragraph(command.Explanation, "explanation", 1000) is { } noReason)
            return noReason;
        var name = command.Name.Trim();
        if (name == State.Profile.Name)
            return Refuse.Invalid("name", "is the name already recorded; the correction changes nothing");

        var before = State.Profile.Name;
        State.Profile = State.Profile with { Name = name };
        Record(ChangeKind.SubjectRenamed, item, $"Art. 9 correction of the name: {command.Explanation.Trim()}", context,
            new FieldChange("subject.name", before, name));
        TellOthersOfName(context);
        return Decision.Accept(item);
    }

    /// <summary>Art. 9, by the court about to act: a listing, restriction or ban that carries subject.nameCorrection corrects the
    /// recorded name with it, so a court with nothing in force yet is not blocked by another court's mistyped name. It is the
    /// same correction as a court with an item in force makes, recorded against the item the change made. Called once the change
    /// has passed every rule, and before it owes the persons an entity names their restriction, which carries the entity's name.</summary>
    private void RecordNameCorrectedWith(Guid itemId, CommandContext context)
    {
        if (nameCorrectedWithChange is not { } renamed)
            return;
        nameCorrectedWithChange = null;
        State.Profile = State.Profile! with { Name = renamed.After };
        Record(ChangeKind.SubjectRenamed, itemId, $"Art. 9 correction of the name, with this change: {renamed.Explanation}", context,
            new FieldChange("subject.name", renamed.Before, renamed.After));
        TellOthersOfName(context);
    }

    private Guid? ItemInForceOf(Interfaces.Identifiers.CourtCode court) =>
        ItemsInForce().Where(i => i.Court == court).Select(i => (Guid?)i.Id).FirstOrDefault();
}
