using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>One checked row of a bulk file: the very command the single-change endpoint would send the subject's grain, stored
/// as JSON until the job applies it. Exactly one command member is set, the one <see cref="Action"/> names.</summary>
/// <param name="Fingerprint">Identifies the row's request (numbered when a file repeats it), and is the row's idempotency key:
/// the same request sent again is answered as made.</param>
/// <param name="TargetCase">For a correction, removal or lifting that names the case rather than the item's id: the item of
/// the subject in force in this case, found when the row is applied.</param>
[GenerateSerializer, Immutable, Alias("credit.BulkCommand")]
public sealed record BulkCommand(
    [property: Id(0)] BulkAction Action,
    [property: Id(1)] string Fingerprint,
    [property: Id(2)] CreateListing? CreateListing = null,
    [property: Id(3)] ImposeRestriction? ImposeRestriction = null,
    [property: Id(4)] ImposeExitBan? ImposeExitBan = null,
    [property: Id(5)] CorrectListing? CorrectListing = null,
    [property: Id(6)] RemoveListing? RemoveListing = null,
    [property: Id(7)] LiftRestriction? LiftRestriction = null,
    [property: Id(8)] LiftExitBan? LiftExitBan = null,
    [property: Id(9)] CaseNumber? TargetCase = null,
    [property: Id(10)] CorrectExitBan? CorrectExitBan = null);

/// <summary>One row of a bulk job for its subject's grain: the row's command and the context it is applied under (its court,
/// actor and idempotency key).</summary>
[GenerateSerializer, Immutable, Alias("credit.BulkRow")]
public sealed record BulkRow([property: Id(0)] BulkCommand Command, [property: Id(1)] Subjects.CommandContext Context);
