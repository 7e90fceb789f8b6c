using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.ExitBans;

[GenerateSerializer, Immutable, Alias("credit.ImposeExitBan")]
public sealed record ImposeExitBan(
    [property: Id(0)] SubjectDetails Subject,
    [property: Id(1)] CaseNumber CaseNumber,
    [property: Id(2)] string DecisionNumber,
    [property: Id(3)] DateOnly StartDate,
    [property: Id(4)] DateOnly EndDate,
    [property: Id(5)] EntityDebt? ForEntity = null,
    [property: Id(6)] DateOnly? DecisionDate = null);

/// <summary>Renews a ban before it lapses, to a later end date (at most the configured maximum past the old end).</summary>
[GenerateSerializer, Immutable, Alias("credit.RenewExitBan")]
public sealed record RenewExitBan(
    [property: Id(0)] Guid ExitBanId,
    [property: Id(1)] DateOnly NewEndDate,
    [property: Id(2)] string DecisionNumber,
    [property: Id(3)] string Explanation,
    [property: Id(4)] DateOnly? DecisionDate = null);

[GenerateSerializer, Immutable, Alias("credit.LiftExitBan")]
public sealed record LiftExitBan(
    [property: Id(0)] Guid ExitBanId,
    [property: Id(1)] ExitBanLiftReason Reason,
    [property: Id(2)] string Explanation);
