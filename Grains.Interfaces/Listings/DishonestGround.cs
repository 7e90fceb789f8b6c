namespace Credit.Grains.Interfaces.Listings;

/// <summary>The six grounds for listing a dishonest debtor (SPC rules on the list, Art. 1).</summary>
public enum DishonestGround
{
    /// <summary>Art. 1(1): able to perform but refuses. No fixed term (Art. 2).</summary>
    RefusesDespiteAbility = 1,
    /// <summary>Art. 1(2): obstructs enforcement with forged evidence, violence or threats.</summary>
    ObstructsEnforcement = 2,
    /// <summary>Art. 1(3): evades enforcement by false litigation or arbitration, or by hiding or transferring assets.</summary>
    EvadesEnforcement = 3,
    /// <summary>Art. 1(4): breaches the duty to report property.</summary>
    FailsToReportProperty = 4,
    /// <summary>Art. 1(5): breaches a consumption-restriction order.</summary>
    BreachesConsumptionRestriction = 5,
    /// <summary>Art. 1(6): refuses without good reason to perform an enforcement settlement agreement.</summary>
    BreachesSettlementAgreement = 6,
}
