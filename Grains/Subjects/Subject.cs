using System.Globalization;
using System.Text;
using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;

namespace Credit.Grains.Subjects;

/// <summary>The rules for one subject, free of Orleans: each command either refuses (and changes
/// nothing) or changes <see cref="State"/> and appends to its history. The feature rules live in the
/// partial files beside this one.</summary>
public sealed partial class Subject(SubjectId id, SubjectState state, TimeProvider clock, SubjectRules rules)
{
    public SubjectId Id { get; } = id;
    public SubjectState State { get; } = state;

    private DateOnly Today => clock.Today();

    /// <summary>A name correction sent with the change being decided (subject.nameCorrection), recorded once it is accepted.</summary>
    private (string Before, string After, string Explanation)? nameCorrectedWithChange;

    /// <summary>A retry of a change already made answers with that change, whatever has happened since.</summary>
    public bool TryReplay(CommandContext context, out Decision decision) =>
        IdempotencyKeys.TryReplay(State.ProcessedCommands, IdempotencyKeys.Scoped(context), context.Fingerprint, out decision);

    public void Remember(CommandContext context, Guid itemId) =>
        IdempotencyKeys.Remember(State.ProcessedCommands, IdempotencyKeys.Scoped(context), context.Fingerprint, itemId, rules.RememberedIdempotencyKeys);

    /// <summary>Records who the subject is on first contact, or checks that the court means the same subject.</summary>
    private Refusal? Identify(SubjectDetails details)
    {
        nameCorrectedWithChange = null;
        if (TextRules.Name(details.Name, "subject.name", 100) is { } badName)
            return badName;
        var name = details.Name.Trim();
        Sex? sex;
        DateOnly? birthDate;
        switch (Id.Type)
        {
            case DocumentType.ResidentId:
                if (details.Sex is not null || details.BirthDate is not null)
                    return Refuse.Invalid(details.Sex is not null ? "subject.sex" : "subject.birthDate",
                        "is read from the resident ID itself (GB 11643-1999); do not send it");
                var resident = Id.ResidentId!.Value;
                (sex, birthDate) = (resident.Sex, resident.BirthDate);
                if (BornByToday(resident, "subject.number") is { } unborn)
                    return unborn;
                break;
            case DocumentType.CreditCode:
                if (details.Sex is not null || details.BirthDate is not null)
                    return Refuse.Invalid(details.Sex is not null ? "subject.sex" : "subject.birthDate", "an entity has no sex or birth date");
                (sex, birthDate) = (null, null);
                break;
            default:
                if (details.Sex is null)
                    return Refuse.Invalid("subject.sex", "is required for a person identified by a passport or permit");
                if (details.BirthDate is not { } given || given > Today || given.Year < 1900)
                    return Refuse.Invalid("subject.birthDate", "is required for a person identified by a passport or permit, and must be a past date");
                (sex, birthDate) = (details.Sex, details.BirthDate);
                break;
        }
        if (State.Profile is null)
        {
            if (details.NameCorrection is not null)
                return Refuse.Invalid("subject.nameCorrection", "no name is recorded for this subject yet, so there is none to correct; leave nameCorrection out");
            State.Profile = new SubjectProfile(Id, name, sex, birthDate);
            return null;
        }
        if (State.Profile.Name != name)
        {
            if (details.NameCorrection is null)
                return Refuse.Conflict("subject.name", $"differs from the recorded name '{State.Profile.Name}'{LooksAlike(State.Profile.Name, name)}; if that is wrong, " +
                    "correct it with this change by sending subject.nameCorrection with the reason (Art. 9), or first through POST {subject}/name-correction " +
                    $"by a court with an item in force on the subject ({string.Join(", ", CourtsActingOnSubject())})");
            if (TextRules.Paragraph(details.NameCorrection, "subject.nameCorrection", 1000) is { } noReason)
                return noReason;
            nameCorrectedWithChange = (State.Profile.Name, name, details.NameCorrection.Trim());
        }
        else if (details.NameCorrection is not null)
        {
            return Refuse.Invalid("subject.nameCorrection", "the name sent is the recorded one, so there is nothing to correct; leave nameCorrection out");
        }
        if (State.Profile.Sex != sex || State.Profile.BirthDate != birthDate)
            return Refuse.Conflict("subject.birthDate", "sex or birth date differ from the recorded ones; if those are wrong, a court with an item in force on the subject corrects them (POST {subject}/name-correction with sex and birthDate, Art. 9)");
        return null;
    }

    /// <summary>The subject's listings, restrictions and exit bans in force, by the court whose item each is.</summary>
    private IEnumerable<(CourtCode Court, Guid Id)> ItemsInForce() =>
        State.Listings.Where(l => l.Status == Interfaces.Listings.ListingStatus.Active).Select(l => (l.Court, l.Id))
            .Concat(State.Restrictions.Where(r => r.Status == Interfaces.Restrictions.RestrictionStatus.Active).Select(r => (r.Court, r.Id)))
            .Concat(State.ExitBans.Where(b => b.Status == Interfaces.ExitBans.ExitBanStatus.Active).Select(b => (b.Court, b.Id)));

    private IEnumerable<CourtCode> CourtsActingOnSubject() => ItemsInForce().Select(i => i.Court).Distinct();

    /// <summary>Names that look the same but differ in a character (two kinds of middle dot, a full-width letter): the refusal
    /// names the characters, which the eye cannot tell apart.</summary>
    private static string LooksAlike(string recorded, string given)
    {
        if (recorded.Length != given.Length)
            return "";
        var differ = Enumerable.Range(0, recorded.Length).Where(i => recorded[i] != given[i]).ToList();
        static bool Alike(char a, char b) =>
            (!char.IsLetterOrDigit(a) && !char.IsLetterOrDigit(b)) || a.ToString().Normalize(NormalizationForm.FormKC) == b.ToString().Normalize(NormalizationForm.FormKC);
        return differ.Count is > 0 and <= 2 && differ.All(i => Alike(recorded[i], given[i]))
            ? " (they differ in " + string.Join(", ", differ.Select(i => $"U+{(int)recorded[i]:X4} recorded, U+{(int)given[i]:X4} sent")) + ")"
            : "";
    }

    /// <summary>Art. 9 and the shape rule: a court changes only its own cases.</summary>
    private static Refusal? OwnCase(CourtCode owner, CommandContext context, string field) =>
        owner == context.Court ? null : Refuse.Forbidden(field, $"belongs to court {owner}; a court may change only its own cases");

    /// <summary>A court acts only in its own cases, and only an enforcement case (执, 执恢) carries listings,
    /// consumption restrictions and exit bans; the other case types are side proceedings of an enforcement.</summary>
    private static Refusal? CaseOfThisCourt(CaseNumber caseNumber, CommandContext context)
    {
        if (caseNumber.Court != context.Court)
            return Refuse.Forbidden("caseNumber", $"is a case of court {caseNumber.Court}; a court may act only in its own cases");
        if (!caseNumber.IsEnforcement)
            return Refuse.Invalid("caseNumber", $"is a {caseNumber.CaseType} case; only enforcement cases (执, 执恢) carry listings, consumption restrictions and exit bans (list rules Art. 5)");
        return null;
    }

    /// <summary>A resident ID can be well formed and still give a birth date that has not come yet.</summary>
    private Refusal? BornByToday(ResidentId id, string field) =>
        id.BirthDate > Today ? Refuse.Invalid(field, "the birth date in the resident ID is in the future") : null;

    private void Record(ChangeKind kind, Guid itemId, string reason, CommandContext context, params FieldChange[] fields)
    {
        State.Version++;
        State.History.Add(new ChangeRecord(State.Version, clock.GetUtcNow(), context.Court, context.Actor, kind, itemId, reason, fields));
    }

    /// <summary>Values in the history read the same on every server, whatever its culture.</summary>
    private static string? Text<T>(T? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
