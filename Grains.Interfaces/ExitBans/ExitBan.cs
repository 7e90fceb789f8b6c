using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.ExitBans;

/// <summary>An exit ban (限制出境). Border inspection requires explicit start and end dates; an
/// unrenewed ban lapses by itself at its end date (Civil Procedure Law Art. 266).</summary>
/// <param name="DecisionNumber">The decision the ban rests on now: the one that imposed it, or its latest renewal.</param>
/// <param name="RenewalDecidedFrom">The first day of the period in force when the latest renewal was decided: a renewal is
/// decided from then through the end it extended, and a correction of its date keeps to the same days. None on a ban renewed
/// before it was recorded.</param>
[GenerateSerializer, Immutable, Alias("credit.ExitBan")]
public sealed record ExitBan(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CourtCode Court,
    [property: Id(2)] CaseNumber CaseNumber,
    [property: Id(3)] DateOnly StartDate,
    [property: Id(4)] DateOnly EndDate,
    [property: Id(5)] string DecisionNumber,
    [property: Id(6)] ExitBanStatus Status,
    [property: Id(7)] ExitBanLift? Lift,
    [property: Id(8)] int Renewals,
    [property: Id(9)] EntityDebt? ForEntity = null,
    [property: Id(10)] DateOnly? DecisionDate = null,
    [property: Id(11)] DateOnly? RenewedFrom = null,
    [property: Id(12)] DateOnly? RenewalDecidedFrom = null)
{
    /// <summary>The first day of the period the ban is in now: its start, or the day after the end its last renewal extended.</summary>
    public DateOnly CurrentPeriodStart => RenewedFrom ?? StartDate;
}

/// <summary>An exit ban for an entity's debt is imposed on a person who answers for the entity: its legal
/// representative, main responsible person or a directly responsible person (SPC enforcement interpretation Art. 24).</summary>
[GenerateSerializer, Immutable, Alias("credit.EntityDebt")]
public sealed record EntityDebt(
    [property: Id(0)] SubjectId Entity,
    [property: Id(1)] string EntityName,
    [property: Id(2)] ResponsibleRole Role);

/// <summary>Whether an exit ban is in force, was lifted by the court, or reached its end date without renewal.</summary>
public enum ExitBanStatus
{
    Active,
    Lifted,
    /// <summary>Reached its end date without renewal.</summary>
    Lapsed,
}

[GenerateSerializer, Immutable, Alias("credit.ExitBanLift")]
public sealed record ExitBanLift(
    [property: Id(0)] ExitBanLiftReason Reason,
    [property: Id(1)] string Explanation,
    [property: Id(2)] DateTimeOffset At);

/// <summary>Why the court lifts an exit ban before its end date (Civil Procedure Law Art. 266): full performance requires it;
/// a guarantee or the creditor's consent allows it.</summary>
public enum ExitBanLiftReason
{
    /// <summary>Must be lifted on full performance.</summary>
    FullPerformance,
    /// <summary>May be lifted on a sufficient guarantee.</summary>
    Guarantee,
    /// <summary>May be lifted with the creditor's consent.</summary>
    CreditorConsent,
    /// <summary>The ban should never have been imposed.</summary>
    WronglyImposed,
    /// <summary>Enforcement in the case is over without performance: a ruling not to enforce or terminating enforcement.</summary>
    EnforcementEnded,
}
