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

/// <summary>Corrects what was recorded wrongly of an exit ban (list rules Art. 9, as for every measure): the number and date of
/// the decision it rests on now, and an end date recorded later than decided. Not its court, case or person (that is another
/// ban: lift this one as WronglyImposed); never a later end, which would hold the subject longer than decided (a longer ban is
/// a renewal, by a new decision); and not its start, the day from which border inspection has stopped the subject.</summary>
[GenerateSerializer, Immutable, Alias("credit.CorrectExitBan")]
public sealed record CorrectExitBan(
    [property: Id(0)] Guid ExitBanId,
    [property: Id(1)] string Explanation,
    [property: Id(2)] string? DecisionNumber = null,
    [property: Id(3)] DateOnly? DecisionDate = null,
    [property: Id(4)] DateOnly? EndDate = null);
