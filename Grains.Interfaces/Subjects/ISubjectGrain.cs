using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Orleans.Concurrency;

namespace Credit.Grains.Interfaces.Subjects;

/// <summary>One subject (keyed by <see cref="Identifiers.SubjectId.Key"/>): all its listings,
/// consumption restrictions and exit bans across cases and courts. A change is acknowledged only
/// after it is stored.</summary>
[Alias("credit.ISubjectGrain")]
public interface ISubjectGrain : IGrainWithStringKey
{
    [Alias("CreateListing")] Task<ChangeResult> CreateListing(CreateListing command, CommandContext context);
    [Alias("CorrectListing")] Task<ChangeResult> CorrectListing(CorrectListing command, CommandContext context);
    [Alias("ExtendListing")] Task<ChangeResult> ExtendListing(ExtendListing command, CommandContext context);
    [Alias("RemoveListing")] Task<ChangeResult> RemoveListing(RemoveListing command, CommandContext context);

    [Alias("ImposeRestriction")] Task<ChangeResult> ImposeRestriction(ImposeRestriction command, CommandContext context);
    [Alias("LiftRestriction")] Task<ChangeResult> LiftRestriction(LiftRestriction command, CommandContext context);
    [Alias("CorrectRestriction")] Task<ChangeResult> CorrectRestriction(CorrectRestriction command, CommandContext context);
    [Alias("RestrictAsLegalRepresentative")] Task<ChangeResult> RestrictAsResponsiblePerson(RestrictAsResponsiblePerson command, CommandContext context);
    [Alias("LiftRepresentativeRestriction")] Task<ChangeResult> LiftResponsiblePersonRestriction(LiftResponsiblePersonRestriction command, CommandContext context);
    [Alias("GrantTravelPermission")] Task<ChangeResult> GrantTravelPermission(GrantTravelPermission command, CommandContext context);

    [Alias("ImposeExitBan")] Task<ChangeResult> ImposeExitBan(ImposeExitBan command, CommandContext context);
    [Alias("RenewExitBan")] Task<ChangeResult> RenewExitBan(RenewExitBan command, CommandContext context);
    [Alias("LiftExitBan")] Task<ChangeResult> LiftExitBan(LiftExitBan command, CommandContext context);
    [Alias("CorrectExitBan")] Task<ChangeResult> CorrectExitBan(CorrectExitBan command, CommandContext context);
    [Alias("CorrectSubjectName")] Task<ChangeResult> CorrectSubjectName(CorrectSubjectName command, CommandContext context);

    /// <summary>Arts. 11–12: records a step of an objection to one of the subject's listings in its history.</summary>
    [Alias("RecordObjectionStep")] Task<ChangeResult> RecordObjectionStep(Objections.ObjectionHistoryStep step, CommandContext context);

    /// <summary>A bulk job's rows of this subject, in file order: each decided by the same rules as its single change, after
    /// the rows before it, then all that were accepted stored and published together. One result per row, in order.</summary>
    [Alias("ApplyBulkRows")] Task<IReadOnlyList<ChangeResult>> ApplyBulkRows(IReadOnlyList<BulkJobs.BulkRow> rows);

    /// <summary>For an entity, from a person who answers for it: the person's recorded name changed (as of the person's
    /// <paramref name="personVersion"/>); the entity reads it and carries it into its items in force, then acknowledges. One-way,
    /// so that a person never waits on an entity: entities wait on persons (deliveries, name look-ups), and a wait both
    /// ways could deadlock two grains. The person sends it again until acknowledged.</summary>
    [Alias("AdoptResponsiblePersonName"), OneWay] Task AdoptResponsiblePersonName(Identifiers.SubjectId person, long personVersion, CommandContext context);

    /// <summary>For a person: the entity has taken the name as of <paramref name="version"/>.</summary>
    [Alias("AcknowledgeNameNotice")] Task AcknowledgeNameNotice(Identifiers.SubjectId entity, long version);

    /// <summary>Who the subject is as recorded, or null when no court has ever acted on it.</summary>
    [Alias("GetProfile")] Task<SubjectProfile?> GetProfile();

    /// <summary>The subject as it stands, or null when no court has ever acted on it.</summary>
    [Alias("GetSnapshot")] Task<SubjectSnapshot?> GetSnapshot();

    /// <summary>The append-only record of every accepted change, oldest first.</summary>
    [Alias("GetHistory")] Task<IReadOnlyList<ChangeRecord>> GetHistory();

    /// <summary>Publishes any stored change the change log and read model lack; returns the published version.</summary>
    [Alias("Reconcile")] Task<long> Reconcile();
}
