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
        if (TextRules.Line(command.Name, "name", 100) is { } badName)
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
        TellEntitiesOfName(context);
        return Decision.Accept(item);
    }

    private Guid? ItemInForceOf(Interfaces.Identifiers.CourtCode court) =>
        ItemsInForce().Where(i => i.Court == court).Select(i => (Guid?)i.Id).FirstOrDefault();
}
