namespace Credit.ReadModels.Hits;

/// <summary>A hit report whose fields are each well formed; whether the measure is the agency's and whether the
/// subject was intercepted by it is decided afterwards.</summary>
public sealed record ValidHitReport(
    string ReportId, string SubjectKey, string Measure, DateTimeOffset OccurredAt, string Place, HitOutcome Outcome, string? Note, Guid? PermissionId);

/// <summary>A validated hit of one agency, with the hold the platform found answerable for it.</summary>
public sealed record NewHit(string Agency, string? Unit, ValidHitReport Report, string Court, string CaseNumber, Guid HoldItemId, string ReportedBy);
