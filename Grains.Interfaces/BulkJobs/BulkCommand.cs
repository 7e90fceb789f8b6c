using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>One checked row of a bulk file: the very command the single-change endpoint would send the subject's grain, stored
/// as JSON until the job applies it. Exactly one command member is set, the one <see cref="Action"/> names.</summary>
/// <param name="Fingerprint">Identifies the row's request, as the single-change API's fingerprint identifies a request, so a
/// reused key with a different row is refused.</param>
/// <param name="TargetCase">For a correction, removal or lifting that names the case rather than the item's id: the item of
/// the subject in force in this case, found when the row is applied.</param>
public sealed record BulkCommand(
    BulkAction Action,
    string Fingerprint,
    CreateListing? CreateListing = null,
    ImposeRestriction? ImposeRestriction = null,
    ImposeExitBan? ImposeExitBan = null,
    CorrectListing? CorrectListing = null,
    RemoveListing? RemoveListing = null,
    LiftRestriction? LiftRestriction = null,
    LiftExitBan? LiftExitBan = null,
    CaseNumber? TargetCase = null);
