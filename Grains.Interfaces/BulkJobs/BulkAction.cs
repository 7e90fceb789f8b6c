namespace Credit.Grains.Interfaces.BulkJobs;

/// <summary>What one row of a bulk file asks for: each is one of the single-change API's operations. Stored by name.</summary>
public enum BulkAction
{
    /// <summary>列入失信名单: CreateListing (Art. 1).</summary>
    Listing,
    /// <summary>限制消费: ImposeRestriction (consumption rules Art. 1).</summary>
    Restriction,
    /// <summary>限制出境: ImposeExitBan (Civil Procedure Law Art. 266).</summary>
    ExitBan,
    /// <summary>更正: CorrectListing (Art. 9).</summary>
    Correction,
    /// <summary>删除: RemoveListing (Arts. 9, 10).</summary>
    Removal,
    /// <summary>解除限制消费: LiftRestriction (consumption rules Art. 9).</summary>
    RestrictionLifting,
    /// <summary>解除限制出境: LiftExitBan.</summary>
    ExitBanLifting,
    /// <summary>更正限制出境: CorrectExitBan (list rules Art. 9).</summary>
    ExitBanCorrection,
}
