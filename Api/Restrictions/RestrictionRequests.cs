using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Api.Restrictions;

/// <summary>限制消费令 standing alone: the debtor missed the deadline in the execution notice.</summary>
/// <param name="OrderNumber">The number of the restriction order (限制消费令文号, consumption rules Art. 5).</param>
/// <param name="OrderDate">The order's date; the restriction takes effect on it or later.</param>
/// <param name="ResponsiblePersons">An entity's only, and required for it: the persons who answer for it, each restricted
/// personally in this case for as long as the entity is (consumption rules Art. 3 ¶2).</param>
public sealed record ImposeRestrictionRequest(SubjectRequest? Subject, string? CaseNumber, DateOnly? EffectiveFrom, string? OrderNumber, DateOnly? OrderDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons)
{
    public ImposeRestriction ToCommand(RequestErrors errors) =>
        new(SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Required(EffectiveFrom, "effectiveFrom"),
            errors.Text(OrderNumber, "orderNumber"), errors.Required(OrderDate, "orderDate"), ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors));
}

/// <summary>A change of the persons an entity's own restriction names: the full list as it now stands, and why. Each
/// person newly named is restricted, each no longer named freed (consumption rules Art. 3 ¶2).</summary>
public sealed record CorrectRestrictionRequest(string? Explanation, IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons)
{
    public CorrectRestriction ToCommand(Guid restrictionId, RequestErrors errors) =>
        new(restrictionId, errors.Text(Explanation, "explanation"), errors.Required(ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors), "responsiblePersons"));
}

/// <summary>解除限制消费 (consumption rules Art. 9).</summary>
public sealed record LiftRestrictionRequest(RestrictionLiftReason? Reason, string? Explanation)
{
    public LiftRestriction ToCommand(Guid restrictionId, RequestErrors errors) =>
        new(restrictionId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}

/// <summary>Consumption rules Art. 8: the court lets a person it restricted travel for an urgent reason.</summary>
/// <param name="Measure">The catalogue code of the consumption measure the permission lets the person through, e.g. C01 (flights).</param>
/// <param name="From">The first day of the permitted travel; not in the past (the person travels only after approval).</param>
/// <param name="Until">The last day, included; at most a year ahead.</param>
/// <param name="Reason">The urgent reason of Art. 8.</param>
/// <param name="Explanation">What the court found, for its own record; agencies never see it.</param>
public sealed record GrantTravelPermissionRequest(string? Measure, DateOnly? From, DateOnly? Until, TravelNecessity? Reason, string? Explanation)
{
    public GrantTravelPermission ToCommand(Guid restrictionId, RequestErrors errors) => new(
        restrictionId, errors.Text(Measure, "measure"), errors.Required(From, "from"), errors.Required(Until, "until"),
        errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
