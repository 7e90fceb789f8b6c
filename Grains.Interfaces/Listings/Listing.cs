using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Listings;

/// <summary>One dishonest-debtor listing: one case of one court. It rests on the court's written decision (决定书,
/// Art. 5) with its number and date, made on the creditor's application or of the court's own motion; listings
/// stored before decisions were recorded have none. An entity's listing names the persons who answer for it.</summary>
/// <param name="ResponsiblePersons">An entity's legal representative and other responsible persons (list rules Art. 6,
/// consumption rules Art. 3 ¶2); null for a person's listing.</param>
[GenerateSerializer, Immutable, Alias("credit.Listing")]
public sealed record Listing(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CourtCode Court,
    [property: Id(2)] CaseNumber CaseNumber,
    [property: Id(3)] EnforcementBasis EnforcementBasis,
    [property: Id(4)] string Obligation,
    [property: Id(5)] decimal AmountOwed,
    [property: Id(6)] Performance Performance,
    [property: Id(7)] IReadOnlyList<GroundFinding> Grounds,
    [property: Id(8)] DateOnly FilingDate,
    [property: Id(9)] DateOnly PublicationDate,
    [property: Id(10)] DateOnly? PeriodEnd,
    [property: Id(11)] int ExtensionYears,
    [property: Id(18)] IReadOnlyList<ResponsiblePerson>? ResponsiblePersons,
    [property: Id(13)] ListingStatus Status,
    [property: Id(14)] ListingEnd? End,
    [property: Id(15)] string? DecisionNumber,
    [property: Id(16)] DateOnly? DecisionDate,
    [property: Id(17)] ListingInitiative? Initiative);

/// <summary>执行依据: who issued the enforcement basis and its document number.</summary>
[GenerateSerializer, Immutable, Alias("credit.EnforcementBasis")]
public sealed record EnforcementBasis([property: Id(0)] string Issuer, [property: Id(1)] string DocumentNumber)
{
    /// <summary>As a subject's history shows it: 广州市荔湾区人民法院 (2025)粤0103民初88号.</summary>
    public override string ToString() => $"{Issuer} {DocumentNumber}";
}

[GenerateSerializer, Immutable, Alias("credit.Performance")]
public sealed record Performance([property: Id(0)] PerformanceStatus Status, [property: Id(1)] decimal AmountPerformed)
{
    /// <summary>As a subject's history shows it, the same on every server: PartlyPerformed, 1000.00 (yuan, to the fen).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Status}, {AmountPerformed:0.00}");
}

/// <summary>One ground of Art. 1 with the specific dishonest behaviour that the court found.</summary>
[GenerateSerializer, Immutable, Alias("credit.GroundFinding")]
public sealed record GroundFinding([property: Id(0)] DishonestGround Ground, [property: Id(1)] string Behaviour)
{
    /// <summary>As a subject's history shows it: ObstructsEnforcement (ground 2): the behaviour found.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ground} (ground {(int)Ground}): {Behaviour}");
}

/// <param name="EventDate">The day of the event the removal follows, where the court gave it (Arts. 9, 10 ¶1: removed within 3
/// working days of it).</param>
[GenerateSerializer, Immutable, Alias("credit.ListingEnd")]
public sealed record ListingEnd(
    [property: Id(0)] RemovalReason Reason,
    [property: Id(1)] string Explanation,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] DateOnly? EventDate = null);

/// <summary>Where a listing stands: in force, removed by the court, or past its fixed term.</summary>
public enum ListingStatus
{
    /// <summary>In force and published.</summary>
    Active,
    /// <summary>Removed by the court; never published again (Art. 10).</summary>
    Removed,
    /// <summary>The fixed term of Art. 2 ran out.</summary>
    Expired,
}
