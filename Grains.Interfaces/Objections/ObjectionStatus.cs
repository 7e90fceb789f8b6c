namespace Credit.Grains.Interfaces.Objections;

/// <summary>Where an objection to a listing stands (list rules Arts. 11–12). The listing stays in force throughout, until a
/// court corrects or revokes it. Stored by number: a member keeps its number.</summary>
public enum ObjectionStatus
{
    /// <summary>Art. 11: filed with the enforcing court, which reviews it within 15 days.</summary>
    UnderReview = 0,
    /// <summary>Art. 11: the enforcing court upheld it; the listing is corrected or revoked within 3 working days.</summary>
    Upheld = 1,
    /// <summary>Art. 11: the enforcing court rejected it; the applicant may ask the next-higher court within 10 days (Art. 12).</summary>
    Rejected = 2,
    /// <summary>Art. 12: the next-higher court reconsiders it, deciding within 15 days.</summary>
    UnderReconsideration = 3,
    /// <summary>Art. 12: the next-higher court ordered the listing corrected or revoked, within 3 working days.</summary>
    CorrectionOrdered = 4,
    /// <summary>Art. 12: the next-higher court rejected the request for reconsideration; the objection is closed.</summary>
    ReconsiderationRejected = 5,
    /// <summary>The listing was corrected or revoked as decided; the objection is closed.</summary>
    Remedied = 6,
    /// <summary>The listing left the list another way while the objection was open, or rejected with the period to ask for
    /// reconsideration still running (the court removed it, another objection's revocation, its term ran out): nothing is left to
    /// decide, reconsider, correct or revoke, and the objection is closed, saying so.</summary>
    Moot = 7,
}

/// <summary>What a court that upholds an objection does to the listing.</summary>
public enum ObjectionRemedy
{
    /// <summary>Art. 9: the listing is inaccurate and is corrected.</summary>
    Correct = 0,
    /// <summary>Art. 9: the debtor should not have been listed; the listing is revoked.</summary>
    Revoke = 1,
}

/// <summary>A court's decision on an objection or a request for reconsideration.</summary>
public enum ObjectionDecision
{
    Uphold = 0,
    Reject = 1,
}

/// <summary>Who files: the listed subject, or a lawyer for the subject.</summary>
public enum ApplicantRole
{
    Subject = 0,
    Lawyer = 1,
}

public static class ObjectionStatuses
{
    /// <summary>The objection waits for a court: to decide, or to correct or revoke.</summary>
    public static bool IsOpen(this ObjectionStatus status) => status is ObjectionStatus.UnderReview or ObjectionStatus.Upheld
        or ObjectionStatus.UnderReconsideration or ObjectionStatus.CorrectionOrdered;

    /// <summary>The objection closes as moot if its listing leaves the list: open, or rejected while the applicant may still ask
    /// for reconsideration (Art. 12), a request that would be refused with the listing gone.</summary>
    public static bool MayBecomeMoot(this ObjectionStatus status) => status.IsOpen() || status == ObjectionStatus.Rejected;
}
