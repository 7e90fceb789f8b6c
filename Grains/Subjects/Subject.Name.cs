using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
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
        if (Particulars(command) is { } badParticulars)
            return badParticulars;
        var name = command.Name.Trim();
        var (sex, birthDate) = (command.Sex ?? State.Profile.Sex, command.BirthDate ?? State.Profile.BirthDate);
        if (name == State.Profile.Name && sex == State.Profile.Sex && birthDate == State.Profile.BirthDate)
            return Refuse.Invalid("name", "is the name already recorded, and no other particular changes; the correction changes nothing");

        var before = State.Profile;
        State.Profile = State.Profile with { Name = name, Sex = sex, BirthDate = birthDate };
        var fields = new List<FieldChange>();
        Compare(fields, "subject.name", before.Name, name);
        Compare(fields, "subject.sex", before.Sex, sex);
        Compare(fields, "subject.birthDate", before.BirthDate, birthDate);
        Record(ChangeKind.SubjectRenamed, item, $"Art. 9 correction of the {(name == before.Name ? "particulars" : "name")}: {command.Explanation.Trim()}", context, [.. fields]);
        if (name != before.Name)
            TellOthersOfName(context);
        return Decision.Accept(item);
    }

    /// <summary>A passport or permit holder's sex and birth date are the court's record, not the number's, and a mistyped birth
    /// date publishes a wrong age (Art. 6); a resident ID carries both, and an entity has neither. The corrected birth date
    /// must not make a listed person a minor on a listing's publication date (Art. 4), nor a person who answers for an entity
    /// a minor on their restriction's first day.</summary>
    private Refusal? Particulars(CorrectSubjectName command)
    {
        if (command.Sex is null && command.BirthDate is null)
            return null;
        var field = command.BirthDate is null ? "sex" : "birthDate";
        if (Id.IsEntity || Id.ResidentId is not null)
            return Refuse.Invalid(field, Id.IsEntity
                ? "an entity has no sex or birth date"
                : "a resident ID carries the sex and birth date; a wrong one is another person's number, not a correction");
        if (command.Sex is { } sex && !Enum.IsDefined(sex))
            return Refuse.Invalid("sex", "must be Male or Female");
        if (command.BirthDate is not { } birth)
            return null;
        if (birth > Today || birth.Year < 1900)
            return Refuse.Invalid("birthDate", "must be a past date, from 1900");
        if (State.Listings.Find(l => l.Status == ListingStatus.Active && l.PublicationDate < birth.AdultFrom()) is { } listing)
            return Refuse.Conflict("birthDate", $"Art. 4: born on {birth:yyyy-MM-dd}, the person was a minor on {listing.PublicationDate:yyyy-MM-dd}, when listing {listing.Id} was published; " +
                "if so, the listing is removed as WronglyListed (Art. 9) first");
        if (State.Restrictions.Find(r => r.Status == RestrictionStatus.Active && r.Basis == RestrictionBasis.ResponsiblePerson && r.EffectiveFrom < birth.AdultFrom()) is { } restriction)
            return Refuse.Conflict("birthDate", $"born on {birth:yyyy-MM-dd}, the person was a minor on {restriction.EffectiveFrom:yyyy-MM-dd}, when restriction {restriction.Id} named them " +
                "for an entity; a minor answers for no entity, so the entity's court corrects its persons first");
        return null;
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
