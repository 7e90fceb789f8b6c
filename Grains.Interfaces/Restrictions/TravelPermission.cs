using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Restrictions;

/// <summary>The court's permission for a restricted person's necessary travel or consumption (consumption rules Art. 8):
/// one measure of the catalogue (e.g. flights), from <see cref="From"/> through <see cref="Until"/>, under one of the
/// court's own restrictions. Agencies' checks still answer Hit, and show the permission.</summary>
[GenerateSerializer, Immutable, Alias("credit.TravelPermission")]
public sealed record TravelPermission(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid RestrictionId,
    [property: Id(2)] CourtCode Court,
    [property: Id(3)] CaseNumber CaseNumber,
    [property: Id(4)] string Measure,
    [property: Id(5)] DateOnly From,
    [property: Id(6)] DateOnly Until,
    [property: Id(7)] TravelNecessity Reason,
    [property: Id(8)] string Explanation,
    [property: Id(9)] DateTimeOffset GrantedAt)
{
    public bool CoversDay(DateOnly day) => From <= day && day <= Until;
}

/// <summary>The urgent reasons of consumption rules Art. 8 for which a court lets a restricted person travel.</summary>
public enum TravelNecessity
{
    /// <summary>Medical treatment of the person's or a close relative's serious illness (本人或近亲属重大疾病就医).</summary>
    SeriousIllness,
    /// <summary>A close relative's funeral (近亲属丧葬).</summary>
    Funeral,
    /// <summary>Carrying out or assisting official duties, or foreign-affairs activities (执行或配合执行公务，参加外事活动).</summary>
    OfficialDuty,
    /// <summary>Sitting an important examination (重要考试).</summary>
    ImportantExam,
    /// <summary>Another emergency of the same weight (等紧急情况); the explanation says which.</summary>
    OtherEmergency,
}

/// <summary>Consumption rules Art. 8: the court that restricted a person lets them travel under one measure for a
/// stated reason and dates.</summary>
[GenerateSerializer, Immutable, Alias("credit.GrantTravelPermission")]
public sealed record GrantTravelPermission(
    [property: Id(0)] Guid RestrictionId,
    [property: Id(1)] string Measure,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly Until,
    [property: Id(4)] TravelNecessity Reason,
    [property: Id(5)] string Explanation);
