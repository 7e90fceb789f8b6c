using System.Text.Json;

namespace Credit.ReadModels.Objections;

/// <summary>One step as the read model keeps it (and the applicant may read it).</summary>
public sealed record ObjectionStepRow(int Number, string Kind, DateTimeOffset At, string? Court, string Text, string? Remedy);

/// <summary>An objection's row: where it stands and the dates its deadlines run from; <paramref name="ListingEnded"/> when its listing
/// has left the list (<c>listing_removals</c>), for a rejected objection only within 30 days of the rejection: the 10 days to ask for
/// reconsideration (Art. 12), however far rest days push their end, are within them, and its grain judges by the exact day.</summary>
public sealed record ObjectionRow(
    string Receipt,
    string SubjectKey,
    Guid ListingId,
    string CaseNumber,
    string EnforcingCourt,
    string? ReconsideringCourt,
    string Status,
    string? Remedy,
    DateOnly FiledOn,
    DateOnly? DecidedOn,
    DateOnly? ReconsiderationRequestedOn,
    DateOnly? ReconsiderationDecidedOn,
    DateOnly? RemediedOn,
    IReadOnlyList<ObjectionStepRow> Steps,
    bool ListingEnded)
{
    /// <summary>Open, or rejected with reconsideration still to be asked perhaps, though its listing has left the list: its grain
    /// closes it as moot (<c>ObjectionStatuses.MayBecomeMoot</c>) when it is next read.</summary>
    public bool AwaitsSettlement => ListingEnded && Status is "UnderReview" or "Upheld" or "UnderReconsideration" or "CorrectionOrdered" or "Rejected";
}

/// <summary>An attachment's bytes, for the courts handling the objection.</summary>
public sealed record ObjectionAttachmentFile(string FileName, string MediaType, byte[] Content);

public static class ObjectionRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
