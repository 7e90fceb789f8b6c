using Credit.Api.ExitBans;
using Credit.Api.Listings;
using Credit.Api.Restrictions;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using C = Credit.Api.Bulk.BulkColumns;

namespace Credit.Api.Bulk;

/// <summary>A flat row (CSV, or NDJSON with the same columns) as the single-change API's request records, so that it meets
/// the very checks a request body meets. An empty cell is a member left out.</summary>
public static class FlatRequests
{
    public static CreateListingRequest Listing(Cells c) => new(
        Subject(c),
        c.Text(C.CaseNumber)?.Trim(),
        Basis(c),
        c.Text(C.Obligation),
        c.Amount(C.AmountOwed, "amountOwed"),
        Performance(c),
        Grounds(c),
        c.Date(C.FilingDate, "filingDate"),
        c.Date(C.PublicationDate, "publicationDate"),
        c.LegalRepresentative(),
        c.Text(C.DecisionNumber),
        c.Date(C.DecisionDate, "decisionDate"),
        c.Enum<ListingInitiative>(C.Initiative, "initiative"));

    public static CorrectListingRequest Correction(Cells c) => new(
        c.Text(C.Explanation),
        c.Text(C.Name),
        Basis(c),
        c.Text(C.Obligation),
        c.Amount(C.AmountOwed, "amountOwed"),
        Performance(c),
        Grounds(c),
        c.Date(C.FilingDate, "filingDate"),
        c.Date(C.PublicationDate, "publicationDate"),
        c.LegalRepresentative(),
        c.Text(C.DecisionNumber),
        c.Date(C.DecisionDate, "decisionDate"),
        c.Enum<ListingInitiative>(C.Initiative, "initiative"));

    public static RemoveListingRequest Removal(Cells c) => new(
        c.Enum<RemovalReason>(C.Reason, "reason"), c.Text(C.Explanation), c.Flag(C.KeepConsumptionRestriction, "keepConsumptionRestriction"),
        c.Date(C.EventDate, "eventDate"));

    public static ImposeRestrictionRequest Restriction(Cells c) => new(
        Subject(c),
        c.Text(C.CaseNumber)?.Trim(),
        c.Date(C.EffectiveFrom, "effectiveFrom"),
        c.Text(C.OrderNumber),
        c.Date(C.OrderDate, "orderDate"),
        c.LegalRepresentative());

    public static LiftRestrictionRequest RestrictionLifting(Cells c) =>
        new(c.Enum<RestrictionLiftReason>(C.Reason, "reason"), c.Text(C.Explanation));

    public static ImposeExitBanRequest ExitBan(Cells c) => new(
        Subject(c),
        c.Text(C.CaseNumber)?.Trim(),
        c.Text(C.DecisionNumber),
        c.Date(C.DecisionDate, "decisionDate"),
        c.Date(C.StartDate, "startDate"),
        c.Date(C.EndDate, "endDate"),
        c.Has(C.EntityCreditCode, C.EntityName, C.EntityRole)
            ? new EntityDebtRequest(c.Text(C.EntityCreditCode)?.Trim(), c.Text(C.EntityName), c.Enum<ResponsibleRole>(C.EntityRole, "forEntity.role"))
            : null);

    public static LiftExitBanRequest ExitBanLifting(Cells c) => new(c.Enum<ExitBanLiftReason>(C.Reason, "reason"), c.Text(C.Explanation));

    public static CorrectExitBanRequest ExitBanCorrection(Cells c) =>
        new(c.Text(C.Explanation), c.Text(C.DecisionNumber), c.Date(C.DecisionDate, "decisionDate"), c.Date(C.EndDate, "endDate"));

    private static SubjectRequest Subject(Cells c) =>
        new(c.Text(C.Name), c.Enum<Sex>(C.Sex, "subject.sex"), c.Date(C.BirthDate, "subject.birthDate"),
            c.Flag(C.ConfirmCreditCodeCheckOverride, "subject.confirmCreditCodeCheckOverride"));

    private static EnforcementBasisRequest? Basis(Cells c) => c.Has(C.EnforcementBasisIssuer, C.EnforcementBasisNumber)
        ? new EnforcementBasisRequest(c.Text(C.EnforcementBasisIssuer), c.Text(C.EnforcementBasisNumber))
        : null;

    private static PerformanceRequest? Performance(Cells c) => c.Has(C.Performance, C.AmountPerformed)
        ? new PerformanceRequest(c.Enum<PerformanceStatus>(C.Performance, "performance.status"), c.Amount(C.AmountPerformed, "performance.amountPerformed"))
        : null;

    private static List<GroundRequest>? Grounds(Cells c)
    {
        var grounds = new List<GroundRequest>();
        for (var i = 0; i < 6; i++)
        {
            if (c.Has(C.Ground(i), C.Behaviour(i)))
                grounds.Add(new GroundRequest(c.Enum<DishonestGround>(C.Ground(i), $"grounds[{grounds.Count}].ground"), c.Text(C.Behaviour(i))));
        }
        return grounds.Count == 0 ? null : grounds;
    }
}
