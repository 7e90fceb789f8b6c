using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

/// <summary>One person, one name across the entities that name them (see <see cref="Subject.AdoptPersonName"/>). Calls that wait
/// go one way only, from an entity to a person: an entity reads a person's profile before deciding and delivers to the person
/// after; a person tells an entity of a new name by a one-way call, repeated until the entity acknowledges it.</summary>
public sealed partial class SubjectGrain
{
    public Task<SubjectProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task AdoptResponsiblePersonName(SubjectId person, long personVersion, CommandContext context)
    {
        if (!Id.IsEntity || person.IsEntity)
            return;
        var personGrain = GrainFactory.GetGrain<ISubjectGrain>(person.Key);
        // Refused when every item already carries the name (a repeated notice): nothing is stored, and the notice is done.
        if (await personGrain.GetProfile() is { } profile)
            await Execute(context, s => s.AdoptPersonName(profile, context));
        await personGrain.AcknowledgeNameNotice(Id, personVersion);
    }

    public async Task AcknowledgeNameNotice(SubjectId entity, long version)
    {
        var working = state.State.Clone();
        if (!new Subject(Id, working, clock, rules.Value).AcknowledgeNameNotice(entity, version))
            return;
        await StoreAsync(working);
        await KeepRetryingWhilePendingAsync();
    }

    /// <summary>Sends every notice still owed; each stays owed until its entity acknowledges it.</summary>
    private void SendNameNotices()
    {
        foreach (var notice in state.State.NameNotices)
        {
            try
            {
                GrainFactory.GetGrain<ISubjectGrain>(notice.Entity.Key).AdoptResponsiblePersonName(Id, notice.Version, notice.Context).Ignore();
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Telling {Entity} of the name of {Person} failed; it will be retried", notice.Entity, Id);
            }
        }
    }

    /// <summary>The recorded profiles of the persons an entity's change names. Only an entity names persons, and only persons
    /// are read, so that no two grains ever wait on each other.</summary>
    private async Task<IReadOnlyDictionary<SubjectId, SubjectProfile>> PersonRecordsAsync(IEnumerable<ResponsiblePerson>? persons)
    {
        var ids = Id.IsEntity ? (persons ?? []).Select(p => p.Person).Where(p => p.Number is not null && !p.IsEntity).Distinct().ToList() : [];
        var profiles = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ISubjectGrain>(id.Key).GetProfile()));
        return profiles.OfType<SubjectProfile>().ToDictionary(p => p.Id);
    }
}
