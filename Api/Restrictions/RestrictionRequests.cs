using System.ComponentModel.DataAnnotations;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Restrictions;

namespace Credit.Api.Restrictions;

/// <summary>限制消费令 standing alone: the debtor missed the deadline in the execution notice (consumption rules Art. 1).</summary>
/// <param name="Subject">Who the debtor is; the document type and number are in the path.</param>
/// <param name="CaseNumber">案号 of the enforcement case (执 or 执恢), a case of the calling court.</param>
/// <param name="EffectiveFrom">The day the restriction order takes effect: not in the future, not before the case number's year, on
/// or after the order's date.</param>
/// <param name="OrderNumber">The number of the restriction order (限制消费令文号, consumption rules Art. 5); at most 100 characters.</param>
/// <param name="OrderDate">The order's date; the restriction takes effect on it or later.</param>
/// <param name="ResponsiblePersons">An entity's only, and required for it: the persons who answer for it, each restricted
/// personally in this case for as long as the entity is (consumption rules Art. 3 ¶2).</param>
public sealed record ImposeRestrictionRequest(
    [property: Required] SubjectRequest? Subject,
    [property: Required, Example("(2025)粤0103执1234号")] string? CaseNumber,
    [property: Required, Example("2025-03-01")] DateOnly? EffectiveFrom,
    [property: Required, Example("(2025)粤0103执1234号")] string? OrderNumber,
    [property: Required, Example("2025-03-01")] DateOnly? OrderDate,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons)
{
    public ImposeRestriction ToCommand(RequestErrors errors) =>
        new(SubjectRequest.ToDetails(Subject, errors), errors.CaseNumber(CaseNumber), errors.Date(EffectiveFrom, "effectiveFrom"),
            errors.Text(OrderNumber, "orderNumber"), errors.Date(OrderDate, "orderDate"), ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors));
}

/// <summary>A correction of a restriction imposed on its own order: the persons an entity's restriction names (the full list as
/// it now stands: each person newly named is restricted, each no longer named freed, consumption rules Art. 3 ¶2), and the
/// order's number and date as recorded wrongly (list rules Art. 9, consumption rules Art. 5). Send only what changes. A
/// restriction that comes with a listing rests on the listing's decision, and one of a person who answers for an entity on the
/// entity's order: correct those instead.</summary>
/// <param name="Explanation">Why (a new legal representative, a mistyped order date); at most 1000 characters.</param>
/// <param name="ResponsiblePersons">An entity's only: the persons who answer for it, the full list as it now stands.</param>
/// <param name="OrderNumber">The order's number (限制消费令文号) as it stands on the order; at most 100 characters.</param>
/// <param name="OrderDate">The order's date: not in the future, not before the case number's year, and not after the restriction's
/// effective date.</param>
public sealed record CorrectRestrictionRequest(
    [property: Required, Example("法定代表人变更为王五")] string? Explanation,
    IReadOnlyList<ResponsiblePersonRequest?>? ResponsiblePersons,
    [property: Example("(2025)粤0103执1234号")] string? OrderNumber,
    [property: Example("2025-02-28")] DateOnly? OrderDate)
{
    public CorrectRestriction ToCommand(Guid restrictionId, RequestErrors errors)
    {
        if (ResponsiblePersons is null && OrderNumber is null && OrderDate is null)
            errors.Add("responsiblePersons", "or orderNumber or orderDate is required: what the correction changes");
        return new(restrictionId, errors.Text(Explanation, "explanation"), ResponsiblePersonRequest.ToPersons(ResponsiblePersons, errors), OrderNumber,
            errors.OptionalDate(OrderDate, "orderDate"));
    }
}

/// <summary>解除限制消费 (consumption rules Art. 9).</summary>
/// <param name="Reason">ObligationPerformed, Guarantee, CreditorConsent (consumption rules Art. 9), WronglyImposed or EnforcementEnded. A
/// restriction that came with an active listing is lifted by removing the listing (as WronglyListed if it was wrong); performance or ended
/// enforcement is recorded by removing the case's listing, if it has one in force, which lifts this with it.</param>
/// <param name="Explanation">What happened; at most 1000 characters.</param>
public sealed record LiftRestrictionRequest(
    [property: Required, Example("Guarantee")] RestrictionLiftReason? Reason,
    [property: Required, Example("被执行人提供充分有效的担保")] string? Explanation)
{
    public LiftRestriction ToCommand(Guid restrictionId, RequestErrors errors) =>
        new(restrictionId, errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}

/// <summary>Consumption rules Art. 8: the court lets a person it restricted travel for an urgent reason.</summary>
/// <param name="Measure">The catalogue code of the consumption measure the permission lets the person through, e.g. C01 (flights).</param>
/// <param name="From">The first day of the permitted travel; not in the past (the person travels only after approval).</param>
/// <param name="Until">The last day, included; at most a year ahead.</param>
/// <param name="Reason">The urgent reason of Art. 8.</param>
/// <param name="Explanation">What the court found, for its own record; agencies never see it. At most 1000 characters.</param>
public sealed record GrantTravelPermissionRequest(
    [property: Required, Example("C01")] string? Measure,
    [property: Required, Example("2025-03-10")] DateOnly? From,
    [property: Required, Example("2025-03-13")] DateOnly? Until,
    [property: Required, Example("SeriousIllness")] TravelNecessity? Reason,
    [property: Required, Example("父亲在上海住院手术，需乘飞机前往")] string? Explanation)
{
    public GrantTravelPermission ToCommand(Guid restrictionId, RequestErrors errors) => new(
        restrictionId, errors.Text(Measure, "measure"), errors.Date(From, "from"), errors.Date(Until, "until"),
        errors.Enum(Reason, "reason"), errors.Text(Explanation, "explanation"));
}
