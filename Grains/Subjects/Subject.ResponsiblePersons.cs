using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;

namespace Credit.Grains.Subjects;

/// <summary>The persons who answer for an entity debtor (consumption rules Art. 3 ¶2): named in the entity's listing or
/// restriction, each restricted personally through the outbox, each freed when the entity's restriction ends or the
/// court no longer names them.</summary>
public sealed partial class Subject
{
    public const int MaximumResponsiblePersons = 20;

    /// <summary>The entity's item a person's restriction follows: its listing (through the listing's restriction) or its
    /// own restriction.</summary>
    private readonly record struct EntityItem(Guid? ListingId, Guid? RestrictionId)
    {
        public static EntityItem OfListing(Guid? listingId) => new(listingId, null);

        public static EntityItem Of(ConsumptionRestriction restriction) => new(null, restriction.Id);

        public Guid? Key => RestrictionId ?? ListingId;
    }

    /// <param name="who">How the rule begins for this item, e.g. "list rules Art. 6: an entity's listing names".</param>
    /// <param name="from">The day the persons answer from: the listing's publication date, the restriction's effective date.</param>
    private Refusal? ValidateResponsiblePersons(IReadOnlyList<ResponsiblePerson>? persons, string who, DateOnly from)
    {
        if (!Id.IsEntity)
            return persons is { Count: > 0 } ? Refuse.Invalid("responsiblePersons", "only an entity names responsible persons; a person answers for their own debt") : null;
        if (persons is not { Count: > 0 })
            return Refuse.Invalid("responsiblePersons", $"{who} its legal representative or person in charge (role LegalRepresentative) and the other persons who answer for it");
        if (persons.Count > MaximumResponsiblePersons)
            return Refuse.Invalid("responsiblePersons", $"must name at most {MaximumResponsiblePersons} persons");
        for (var i = 0; i < persons.Count; i++)
        {
            if (ValidateResponsiblePerson(persons[i], $"responsiblePersons[{i}]", from) is { } bad)
                return bad;
        }
        if (persons.Count(p => p.Role == ResponsibleRole.LegalRepresentative) != 1)
            return Refuse.Invalid("responsiblePersons", "list rules Art. 6: exactly one person has the role LegalRepresentative (法定代表人或负责人), whose name is published with a listing");
        if (persons.Select(p => p.Person).Distinct().Count() != persons.Count)
            return Refuse.Invalid("responsiblePersons", "each person is named once, under one role");
        return null;
    }

    private Refusal? ValidateResponsiblePerson(ResponsiblePerson person, string field, DateOnly from)
    {
        if (TextRules.Name(person.Name, $"{field}.name", 100) is { } badName)
            return badName;
        if (!Enum.IsDefined(person.Role))
            return Refuse.Invalid($"{field}.role", "must be LegalRepresentative, MainResponsiblePerson, DirectlyResponsiblePerson or ActualController (consumption rules Art. 3 ¶2)");
        DateOnly birth;
        switch (person.Person.Type)
        {
            case DocumentType.CreditCode:
                return Refuse.Invalid($"{field}.number", "is a natural person's resident ID, passport or permit: the restriction binds persons");
            case DocumentType.ResidentId:
                if (person.Sex is not null || person.BirthDate is not null)
                    return Refuse.Invalid(person.Sex is not null ? $"{field}.sex" : $"{field}.birthDate", "is read from the resident ID itself (GB 11643-1999); do not send it");
                if (BornByToday(person.Person.ResidentId!.Value, $"{field}.number") is { } unborn)
                    return unborn;
                birth = person.Person.ResidentId!.Value.BirthDate;
                break;
            default:
                if (person.Sex is not { } sex || !Enum.IsDefined(sex))
                    return Refuse.Invalid($"{field}.sex", "is required for a person identified by a passport or permit");
                if (person.BirthDate is not { } born || born > Today || born.Year < 1900)
                    return Refuse.Invalid($"{field}.birthDate", "is required for a person identified by a passport or permit, and must be a past date");
                birth = born;
                break;
        }
        // A minor has no full capacity and cannot hold an entity's posts (Company Law Art. 178), so a minor named here is a
        // typing error; taken as given it would publish a child's name and block a child's travel (the aim of list rules Art. 4).
        return from < birth.AdultFrom()
            ? Refuse.Invalid(person.Person.Type == DocumentType.ResidentId ? $"{field}.number" : $"{field}.birthDate",
                $"the person is a minor on {from:yyyy-MM-dd} (an adult from {birth.AdultFrom():yyyy-MM-dd}) and cannot answer for an entity; check the number")
            : null;
    }

    /// <summary>The persons as given, names trimmed; none given is null, as on a person's own listing.</summary>
    private static List<ResponsiblePerson>? NamedPersons(IReadOnlyList<ResponsiblePerson>? persons) =>
        persons is { Count: > 0 } ? [.. persons.Select(p => p with { Name = p.Name?.Trim() ?? "" })] : null;

    /// <summary>Owes the person their restriction. The key is the entity's version at this change, so that a person named
    /// again after being freed is restricted again rather than answered from the first delivery.</summary>
    private void Restrict(ResponsiblePerson person, EntityItem item, CaseNumber caseNumber, DateOnly effectiveFrom, string? decisionNumber,
        DateOnly? decisionDate, CommandContext context)
    {
        var key = $"responsible-of:{Id}:{item.Key}:{person.Person}:{State.Version}";
        // A change that both names the person and renames the entity owes the person one delivery, not two.
        if (State.Outbox.Exists(d => d.Context.IdempotencyKey == key))
            return;
        var command = new RestrictAsResponsiblePerson(person.Name, Id, State.Profile!.Name, item.ListingId, caseNumber, effectiveFrom, person.Role,
            item.RestrictionId, person.Sex, person.BirthDate, decisionNumber, decisionDate);
        State.Outbox.Add(new PendingDelivery(person.Person, command, null, context with { IdempotencyKey = key, Fingerprint = "" }));
    }

    private void Free(ResponsiblePerson person, EntityItem item, RestrictionLiftReason reason, string explanation, CommandContext context)
    {
        var command = new LiftResponsiblePersonRestriction(Id, item.ListingId, reason, explanation, item.RestrictionId);
        State.Outbox.Add(new PendingDelivery(person.Person, null, command,
            context with { IdempotencyKey = $"responsible-lift:{Id}:{item.Key}:{person.Person}:{State.Version}", Fingerprint = "" }));
    }

    /// <summary>A correction of the persons: each no longer named is freed, each newly named restricted; a person who stays keeps
    /// the restriction they have, told of a new role.</summary>
    private void Reassign(IReadOnlyList<ResponsiblePerson> before, IReadOnlyList<ResponsiblePerson> after, EntityItem item, CaseNumber caseNumber,
        DateOnly effectiveFrom, string? decisionNumber, DateOnly? decisionDate, string explanation, CommandContext context)
    {
        foreach (var gone in before.Where(b => !after.Any(a => a.Person == b.Person)))
            Free(gone, item, RestrictionLiftReason.NoLongerResponsible, $"no longer named as answering for {Id}: {explanation}", context);
        foreach (var added in after.Where(a => !before.Any(b => b.Person == a.Person && b.Role == a.Role)))
            Restrict(added, item, caseNumber, effectiveFrom, decisionNumber, decisionDate, context);
    }

    private static string? Describe(IReadOnlyList<ResponsiblePerson>? persons) => persons is null ? null : string.Join("; ", persons);
}
