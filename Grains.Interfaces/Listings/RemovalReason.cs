namespace Credit.Grains.Interfaces.Listings;

/// <summary>Why a listing leaves the list. Every removal needs one (Arts. 2, 9, 10, 12). Stored state holds the
/// numbers: a member keeps its number for ever, and a wrong name is corrected by renaming the member, never by
/// renumbering it.</summary>
public enum RemovalReason
{
    /// <summary>Art. 9: the debtor should not have been listed; revoked.</summary>
    WronglyListed = 0,
    /// <summary>Art. 10 ¶1(1): the obligation was performed in full, or the court enforced it in full.</summary>
    FullPerformance = 1,
    /// <summary>Art. 10 ¶1(2): a settlement agreement was reached and performed in full.</summary>
    SettlementPerformed = 2,
    /// <summary>Art. 10 ¶1(3): the creditor asked in writing for the deletion and the court approved it. The creditor
    /// may not have the debtor listed again in the case within 6 months (¶4).</summary>
    CreditorRequest = 3,
    /// <summary>Art. 10 ¶1(4): after the enforcement was closed for now (终结本次执行), two or more searches of the online
    /// enforcement system found no property and nobody gave a usable lead.</summary>
    NoPropertyAfterClosure = 4,
    /// <summary>Art. 10 ¶1(5): the court suspended enforcement (中止执行) by ruling because of a retrial (审判监督) or
    /// bankruptcy proceedings.</summary>
    EnforcementSuspended = 6,
    /// <summary>Art. 10 ¶1(6): the court ruled not to enforce (不予执行).</summary>
    RulingNotToEnforce = 10,
    /// <summary>Art. 10 ¶1(7): the court ruled to terminate enforcement (终结执行), e.g. because the enforcement basis was revoked.</summary>
    EnforcementTerminated = 5,
    /// <summary>Art. 10 ¶2: the fixed term of Art. 2 ended. Recorded by the platform itself, never sent by a court.</summary>
    TermExpired = 7,
    /// <summary>Art. 2: early removal because the debtor performed actively or corrected the dishonest behaviour.</summary>
    BehaviourCorrected = 8,
    /// <summary>Art. 12: the subject's objection was upheld on review.</summary>
    ObjectionUpheld = 9,
}

public static class RemovalReasons
{
    /// <summary>Reasons after which enforcement in the case is over, so nothing of the case may keep restricting the
    /// debtor (consumption rules Art. 9: "must be lifted once the obligation is performed"; a ruling not to enforce or
    /// terminating enforcement leaves nothing to enforce). A wrong listing is not one of them: the case's exit ban and
    /// other restrictions are separate decisions.</summary>
    public static bool EndsTheEnforcement(this RemovalReason reason) => reason is RemovalReason.FullPerformance
        or RemovalReason.SettlementPerformed or RemovalReason.RulingNotToEnforce or RemovalReason.EnforcementTerminated;

    /// <summary>The article that allows the reason, as the history cites it.</summary>
    public static string Article(this RemovalReason reason) => reason switch
    {
        RemovalReason.WronglyListed => "Art. 9",
        RemovalReason.FullPerformance => "Art. 10 ¶1(1)",
        RemovalReason.SettlementPerformed => "Art. 10 ¶1(2)",
        RemovalReason.CreditorRequest => "Art. 10 ¶1(3)",
        RemovalReason.NoPropertyAfterClosure => "Art. 10 ¶1(4)",
        RemovalReason.EnforcementSuspended => "Art. 10 ¶1(5)",
        RemovalReason.RulingNotToEnforce => "Art. 10 ¶1(6)",
        RemovalReason.EnforcementTerminated => "Art. 10 ¶1(7)",
        RemovalReason.TermExpired => "Art. 10 ¶2",
        RemovalReason.BehaviourCorrected => "Art. 2",
        RemovalReason.ObjectionUpheld => "Art. 12",
        _ => "unknown",
    };

    /// <summary>Reasons whose removal is due within 3 working days of the event that calls for it: the revocation of a wrong
    /// listing (Art. 9) and the deletions of Art. 10 ¶1. (An expired term, Art. 10 ¶2, is removed by the platform itself; an
    /// upheld objection runs against the objection's own deadline.)</summary>
    public static bool IsDueWithin3WorkingDays(this RemovalReason reason) => reason is RemovalReason.WronglyListed or RemovalReason.FullPerformance
        or RemovalReason.SettlementPerformed or RemovalReason.CreditorRequest or RemovalReason.NoPropertyAfterClosure
        or RemovalReason.EnforcementSuspended or RemovalReason.RulingNotToEnforce or RemovalReason.EnforcementTerminated;

    /// <summary>Whether the debt was paid (¶1(1), (2)) rather than enforcement ended by a ruling.</summary>
    public static bool IsPerformance(this RemovalReason reason) => reason is RemovalReason.FullPerformance or RemovalReason.SettlementPerformed;
}
