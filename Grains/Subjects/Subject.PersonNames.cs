using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

/// <summary>One person, one name (list rules Art. 6 and Art. 9): a person who answers for an entity is a subject of their own,
/// and the name the public reads with the entity's listing is the name the agencies hold for the person. A court names a
/// known person under their recorded name or is refused; a correction of the person's name reaches the entity's items in
/// force that name them; and a person named under another name (two courts at once) tells the entity the recorded one.</summary>
public sealed partial class Subject
{
    private static readonly IReadOnlyDictionary<SubjectId, SubjectProfile> NoRecords = new Dictionary<SubjectId, SubjectProfile>();

    /// <summary>The profiles recorded by the persons' own subjects for the persons the command names, read before deciding;
    /// a person not among them has no record yet and is recorded as named.</summary>
    public IReadOnlyDictionary<SubjectId, SubjectProfile> PersonRecords { get; set; } = NoRecords;

    /// <summary>Art. 9 accuracy: a known person named under another name would be published with the entity under one name
    /// and held by the agencies under another. The court sends the recorded name or corrects it on the person.</summary>
    private Refusal? AgreesWithPersonRecords(IReadOnlyList<ResponsiblePerson>? persons)
    {
        for (var i = 0; i < (persons?.Count ?? 0); i++)
        {
            var person = persons![i];
            if (!PersonRecords.TryGetValue(person.Person, out var recorded))
                continue;
            if (recorded.Name != person.Name)
                return Refuse.Conflict($"responsiblePersons[{i}].name", $"differs from the name recorded for this person, '{recorded.Name}'{LooksAlike(recorded.Name, person.Name)}; " +
                    "one person has one name with the entity's listing and with the agencies. Send the recorded name; if it is wrong, correct it first " +
                    $"(POST /api/v1/subjects/{person.Person.Type.Slug()}/{{number}}/name-correction, by a court with an item in force on the person), " +
                    "and the entity's items in force then carry the corrected name");
            if (person.Person.Type != DocumentType.ResidentId && (recorded.Sex != person.Sex || recorded.BirthDate != person.BirthDate))
                return Refuse.Conflict($"responsiblePersons[{i}].birthDate", "sex or birth date differ from those recorded for this person; if those are wrong, a court with an item in force on the person corrects them (POST {person}/name-correction with sex and birthDate, Art. 9)");
        }
        return null;
    }

    /// <summary>On the entity's side: its listings and restrictions in force take the person's recorded name. Items no longer in
    /// force stay as they were published.</summary>
    public Decision AdoptPersonName(SubjectProfile person, CommandContext context)
    {
        var reason = $"Art. 9: the name recorded for {person.Id}, corrected on the person's own record, carried to the entity's items";
        Guid? changed = null;
        foreach (var listing in State.Listings.Where(l => l.Status == ListingStatus.Active).ToList())
        {
            if (Renamed(listing.ResponsiblePersons, person) is not { } after)
                continue;
            Replace(listing with { ResponsiblePersons = after });
            Record(ChangeKind.ListingCorrected, listing.Id, reason, context, new FieldChange("responsiblePersons", Describe(listing.ResponsiblePersons), Describe(after)));
            changed ??= listing.Id;
        }
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active).ToList())
        {
            if (Renamed(restriction.ResponsiblePersons, person) is not { } after)
                continue;
            State.Restrictions[State.Restrictions.FindIndex(r => r.Id == restriction.Id)] = restriction with { ResponsiblePersons = after };
            Record(ChangeKind.RestrictionCorrected, restriction.Id, reason, context, new FieldChange("responsiblePersons", Describe(restriction.ResponsiblePersons), Describe(after)));
            changed ??= restriction.Id;
        }
        return changed is { } item ? Decision.Accept(item) : Refuse.Invalid("responsiblePersons", "every item in force already carries the person's recorded name");
    }

    private static List<ResponsiblePerson>? Renamed(IReadOnlyList<ResponsiblePerson>? persons, SubjectProfile person) =>
        persons is not null && persons.Any(p => p.Person == person.Id && p.Name != person.Name)
            ? [.. persons.Select(p => p.Person == person.Id ? p with { Name = person.Name } : p)]
            : null;

    /// <summary>After the subject's name changed: a person tells the entities they answer for; an entity tells the persons who
    /// answer for it, whose restrictions (and the agencies' holds of them) name the entity.</summary>
    private void TellOthersOfName(CommandContext context)
    {
        if (Id.IsEntity)
            TellPersonsOfEntityName(context);
        else
            TellEntitiesOfName(context);
    }

    /// <summary>Delivers each person's restriction again under the entity's new name; the person's restriction takes it.</summary>
    private void TellPersonsOfEntityName(CommandContext context)
    {
        foreach (var restriction in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.Basis is RestrictionBasis.Listing or RestrictionBasis.Standalone).ToList())
        {
            var listing = restriction.Basis == RestrictionBasis.Listing ? State.Listings.Find(l => l.Id == restriction.SourceListingId) : null;
            var item = listing is not null ? EntityItem.OfListing(listing.Id) : EntityItem.Of(restriction);
            foreach (var person in restriction.ResponsiblePersons ?? listing?.ResponsiblePersons ?? [])
                Restrict(person, item, restriction.CaseNumber, restriction.EffectiveFrom, listing?.DecisionNumber ?? restriction.OrderNumber,
                    listing?.DecisionDate ?? restriction.OrderDate, context);
        }
    }

    /// <summary>On the person's side, after their name changed: every entity they answer for is told, until it acknowledges.</summary>
    private void TellEntitiesOfName(CommandContext context)
    {
        foreach (var entity in State.Restrictions.Where(r => r.Status == RestrictionStatus.Active && r.RepresentedEntity is not null)
            .Select(r => r.RepresentedEntity!.Value).Distinct())
            OweNameNotice(entity, context);
    }

    /// <summary>A later notice replaces an earlier one to the same entity: the entity reads the name as it stands.</summary>
    private void OweNameNotice(SubjectId entity, CommandContext context)
    {
        State.NameNotices.RemoveAll(n => n.Entity == entity);
        State.NameNotices.Add(new NameNotice(entity, State.Version, context with { IdempotencyKey = $"person-name:{Id}:{State.Version}", Fingerprint = "" }));
    }

    /// <summary>The entity took the name as of <paramref name="version"/> or later: the notices up to it are done.</summary>
    public bool AcknowledgeNameNotice(SubjectId entity, long version) =>
        State.NameNotices.RemoveAll(n => n.Entity == entity && n.Version <= version) > 0;
}
