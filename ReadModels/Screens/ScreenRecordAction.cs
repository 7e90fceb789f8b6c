namespace Credit.ReadModels.Screens;

/// <summary>What a row of <c>screen_records</c> records.</summary>
public enum ScreenRecordAction
{
    /// <summary>A court stored (or replaced) the subject's ID photo.</summary>
    PhotoUploaded,
    /// <summary>A court deleted the subject's ID photo.</summary>
    PhotoDeleted,
    /// <summary>The platform deleted the photo once the subject had no active listing left (data minimisation).</summary>
    PhotoDeletedWithLastListing,
    /// <summary>A court kept its listing off the screens.</summary>
    Excluded,
    /// <summary>A court let its listing back onto the screens.</summary>
    ExclusionLifted,
    /// <summary>The platform deleted an exclusion once its listing was no longer active.</summary>
    ExclusionEndedWithListing,
}

/// <summary>How a court's screen record went.</summary>
public enum ScreenRecordOutcome
{
    Done,
    /// <summary>No active listing (or, for a deletion, nothing recorded) to act on.</summary>
    NotFound,
    /// <summary>The listing, or every active listing of the subject, is another court's case.</summary>
    OtherCourt,
}

/// <summary>A listing kept off the screens, as recorded.</summary>
public sealed record ScreenExclusion(Guid ListingId, string Court, string Reason, DateTimeOffset ExcludedAt);
