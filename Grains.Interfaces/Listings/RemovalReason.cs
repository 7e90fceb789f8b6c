namespace Credit.Grains.Interfaces.Listings;

/// <summary>Why a listing leaves the list. Every removal needs one (Arts. 2, 9, 10, 12).</summary>
public enum RemovalReason
{
    /// <summary>Art. 9: the debtor should not have been listed; revoked.</summary>
    WronglyListed,
    /// <summary>Art. 10(1): the obligation was fully performed.</summary>
    FullPerformance,
    /// <summary>Art. 10(2): a settlement agreement was reached and performed.</summary>
    SettlementPerformed,
    /// <summary>Art. 10(3): the creditor asked in writing for the removal.</summary>
    CreditorRequest,
    /// <summary>Art. 10(4): the enforcement procedure was terminated with the conditions met.</summary>
    ProcedureTerminated,
    /// <summary>Art. 10(5): the enforcement basis was revoked.</summary>
    EnforcementBasisRevoked,
    /// <summary>Art. 10(6): the case was transferred to bankruptcy.</summary>
    TransferredToBankruptcy,
    /// <summary>Art. 10(7): the fixed term expired.</summary>
    TermExpired,
    /// <summary>Art. 2: early removal because the debtor corrected the dishonest behaviour.</summary>
    BehaviourCorrected,
    /// <summary>Art. 12: the subject's objection was upheld on review.</summary>
    ObjectionUpheld,
}

public static class RemovalReasons
{
    /// <summary>Reasons after which the debt no longer stands, so nothing of the case may keep restricting
    /// the debtor (consumption rules Art. 9: "must be lifted once the obligation is performed"). A wrong
    /// listing is not one of them: the case's exit ban and other restrictions are separate decisions.</summary>
    public static bool EndsTheDebt(this RemovalReason reason) => reason is RemovalReason.FullPerformance
        or RemovalReason.SettlementPerformed or RemovalReason.EnforcementBasisRevoked;
}
