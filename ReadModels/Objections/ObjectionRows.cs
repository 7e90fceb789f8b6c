using System.Text.Json;

namespace Credit.ReadModels.Objections;

/// <summary>One step as the read model keeps it (and the applicant may read it).</summary>
public sealed record ObjectionStepRow(int Number, string Kind, DateTimeOffset At, string? Court, string Text, string? Remedy);

/// <summary>An objection's row: where it stands and the dates its deadlines run from.</summary>
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
    IReadOnlyList<ObjectionStepRow> Steps);

/// <summary>An attachment's bytes, for the courts handling the objection.</summary>
public sealed record ObjectionAttachmentFile(string FileName, string MediaType, byte[] Content);

public static class ObjectionRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
