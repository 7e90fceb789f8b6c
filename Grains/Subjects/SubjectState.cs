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
    };

    public SubjectSnapshot? ToSnapshot() =>
        Profile is null ? null : new SubjectSnapshot(Profile, Version, [.. Listings], [.. Restrictions], [.. ExitBans]);
}

[GenerateSerializer, Immutable, Alias("credit.ProcessedCommand")]
public sealed record ProcessedCommand(
    [property: Id(0)] string Key,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] Guid ItemId);

/// <summary>A command that this subject owes another subject (an entity's legal representative).</summary>
[GenerateSerializer, Immutable, Alias("credit.PendingDelivery")]
public sealed record PendingDelivery(
    [property: Id(0)] Interfaces.Identifiers.SubjectId Target,
    [property: Id(1)] RestrictAsLegalRepresentative? Restrict,
    [property: Id(2)] LiftRepresentativeRestriction? Lift,
    [property: Id(3)] CommandContext Context);
