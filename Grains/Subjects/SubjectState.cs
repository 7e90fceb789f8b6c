using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

/// <summary>The stored state of one subject grain (JSON in PostgreSQL, readable with psql).</summary>
[GenerateSerializer, Alias("credit.SubjectState")]
public sealed class SubjectState
{
    [Id(0)] public SubjectProfile? Profile { get; set; }
    [Id(1)] public long Version { get; set; }
    [Id(2)] public List<Listing> Listings { get; set; } = [];
    [Id(3)] public List<ConsumptionRestriction> Restrictions { get; set; } = [];
    [Id(4)] public List<ExitBan> ExitBans { get; set; } = [];
    [Id(5)] public List<ChangeRecord> History { get; set; } = [];
    /// <summary>Recent idempotency keys with what they did, so a retried request changes nothing.</summary>
    [Id(6)] public List<ProcessedCommand> ProcessedCommands { get; set; } = [];
    /// <summary>Commands for other subjects that are stored but not yet acknowledged by them.</summary>
    [Id(7)] public List<PendingDelivery> Outbox { get; set; } = [];
    /// <summary>The day the durable expiry reminder is registered to wake on, so that an activation does not register
    /// it again.</summary>
    [Id(8)] public DateOnly? ExpiryReminderFor { get; set; }
    /// <summary>Permissions for necessary travel that courts granted (consumption rules Art. 8).</summary>
    [Id(9)] public List<TravelPermission> TravelPermissions { get; set; } = [];
    /// <summary>Corrections and revocations decided on objections (list rules Arts. 11–12), each carried out once.</summary>
    [Id(10)] public List<ObjectionOrder> ObjectionOrders { get; set; } = [];
    /// <summary>For a person who answers for entities: the entities still to be told that the person's recorded name changed.</summary>
    [Id(11)] public List<NameNotice> NameNotices { get; set; } = [];

    /// <summary>A copy to decide on, so that a refused or unstored change never leaks into the live state.</summary>
    public SubjectState Clone() => new()
    {
        Profile = Profile,
        Version = Version,
        Listings = [.. Listings],
        Restrictions = [.. Restrictions],
        ExitBans = [.. ExitBans],
        History = [.. History],
        ProcessedCommands = [.. ProcessedCommands],
        Outbox = [.. Outbox],
        ExpiryReminderFor = ExpiryReminderFor,
        TravelPermissions = [.. TravelPermissions],
        ObjectionOrders = [.. ObjectionOrders],
        NameNotices = [.. NameNotices],
    };

    public SubjectSnapshot? ToSnapshot() =>
        Profile is null ? null : new SubjectSnapshot(Profile, Version, [.. Listings], [.. Restrictions], [.. ExitBans], [.. TravelPermissions]);
}

[GenerateSerializer, Immutable, Alias("credit.ProcessedCommand")]
public sealed record ProcessedCommand(
    [property: Id(0)] string Key,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] Guid ItemId);

/// <summary>A command that this subject owes another subject (a person who answers for this entity).</summary>
[GenerateSerializer, Immutable, Alias("credit.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] Interfaces.Identifiers.SubjectId Target,
    [property: Id(1)] RestrictAsResponsiblePerson? Restrict,
    [property: Id(2)] LiftResponsiblePersonRestriction? Lift,
    [property: Id(3)] CommandContext Context);

/// <summary>Owed by a person to an entity that names them: take the person's recorded name, as of <see cref="Version"/> of the
/// person, into the entity's items in force. <see cref="Context"/> is the court's change that renamed the person.</summary>
[GenerateSerializer, Immutable, Alias("credit.NameNotice")]
public sealed record NameNotice(
    [property: Id(0)] Interfaces.Identifiers.SubjectId Entity,
    [property: Id(1)] long Version,
    [property: Id(2)] CommandContext Context);

/// <summary>A court's decision on an objection to correct or revoke a listing: the enforcing court's on review (Art. 11) or the
/// next-higher court's on reconsideration (Art. 12). The court that ordered it may carry it out once, whoever's case it is.</summary>
[GenerateSerializer, Immutable, Alias("credit.ObjectionOrder")]
public sealed record ObjectionOrder(
    [property: Id(0)] string Receipt,
    [property: Id(1)] Guid ListingId,
    [property: Id(2)] Interfaces.Identifiers.CourtCode OrderedBy,
    [property: Id(3)] Interfaces.Objections.ObjectionRemedy Remedy,
    [property: Id(4)] bool Executed);
