using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions;

namespace Credit.Tests.Publication;

/// <summary>What reconciliation counts as a difference between a subject's stored state and its row in the
/// interception read model.</summary>
public sealed class InterceptionAgreementTests
{
    private static readonly InterceptionHold Listing = new(
        InterceptionTriggers.DishonestListing, Guid.NewGuid(), "粤0103", "(2025)粤0103执1号", new DateOnly(2025, 3, 1), null, 100000.50m, null, null);

    private static readonly InterceptionHold Restriction = new(
        InterceptionTriggers.ConsumptionRestriction, Guid.NewGuid(), "粤0103", "(2025)粤0103执1号", new DateOnly(2025, 3, 1), null, 100000.50m, null, null);

    private static readonly InterceptionProfile Expected = new(
        "p:11010519491231002X", DocumentType.ResidentId, "11010519491231002X", "张三", Sex.Female, new DateOnly(1949, 12, 31), [Listing, Restriction]);

    private static readonly StoredInterception Matching = new(
        new InterceptionRow("ResidentId", "11010519491231002X", "张三", "Female", new DateOnly(1949, 12, 31),
            InterceptionJson.Read(InterceptionJson.Write([Listing, Restriction]))),
        InterceptionTriggers.DishonestListing | InterceptionTriggers.ConsumptionRestriction);

    [Fact]
    public void A_row_saying_what_the_state_does_agrees() => Assert.True(InterceptionAgreement.Agrees(Expected, Matching));

    [Fact]
    public void No_row_agrees_only_with_a_subject_that_nothing_holds()
    {
        Assert.True(InterceptionAgreement.Agrees(null, null));
        Assert.True(InterceptionAgreement.Agrees(Expected with { Holds = [] }, null));
        Assert.False(InterceptionAgreement.Agrees(Expected, null));
    }

    [Fact]
    public void A_row_for_a_subject_without_state_or_holds_is_extra()
    {
        Assert.False(InterceptionAgreement.Agrees(null, Matching));
        Assert.False(InterceptionAgreement.Agrees(Expected with { Holds = [] }, Matching));
    }

    public static TheoryData<string, StoredInterception> Altered => new()
    {
        { "document type", Matching with { Row = Matching.Row! with { DocumentType = "Passport" } } },
        { "ID number", Matching with { Row = Matching.Row! with { IdNumber = "110105194912310029" } } },
        { "name", Matching with { Row = Matching.Row! with { Name = "张叁" } } },
        { "sex", Matching with { Row = Matching.Row! with { Sex = "Male" } } },
        { "no sex", Matching with { Row = Matching.Row! with { Sex = null } } },
        { "birth date", Matching with { Row = Matching.Row! with { BirthDate = new DateOnly(1949, 12, 30) } } },
        { "triggers", Matching with { Triggers = InterceptionTriggers.DishonestListing } },
        { "a hold missing", Matching with { Row = Matching.Row! with { Holds = [Listing] } } },
        { "holds in another order", Matching with { Row = Matching.Row! with { Holds = [Restriction, Listing] } } },
        { "another amount owed", Matching with { Row = Matching.Row! with { Holds = [Listing with { AmountOwed = 1m }, Restriction] } } },
        { "holds that are not holds", Matching with { Row = null } },
    };

    [Theory]
    [MemberData(nameof(Altered))]
    public void A_row_that_differs_in_any_column_disagrees(string column, StoredInterception stored) =>
        Assert.False(InterceptionAgreement.Agrees(Expected, stored), column);
}
