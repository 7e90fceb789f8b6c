namespace Credit.Grains.Interfaces.Listings;

/// <summary>Who set a listing in motion (Art. 5).</summary>
public enum ListingInitiative
{
    /// <summary>On the creditor's application (申请执行人申请), decided within 15 days. Refused for 6 months in a case where
    /// the listing was deleted at the creditor's own request (Art. 10 ¶4).</summary>
    CreditorApplication,
    /// <summary>By the court of its own motion (依职权).</summary>
    OwnMotion,
}
