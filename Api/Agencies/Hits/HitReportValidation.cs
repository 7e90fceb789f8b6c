using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Hits;

namespace Credit.Api.Agencies.Hits;

public static class HitReportValidation
{
    public const int MaxReportId = 64;
    public const int MaxPlace = 200;
    public const int MaxNote = 500;

    /// <summary>Agency clocks drift; a hit a few minutes "in the future" is a clock, not a forgery.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Hits are feedback for enforcement in progress; a year-old hit is no longer news to the court.</summary>
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(366);

    public static ValidHitReport Validate(HitReportRequest request, DateTimeOffset now, RequestErrors errors)
    {
        var reportId = Line(request.ReportId, "reportId", MaxReportId, errors);

        var subjectKey = "";
        if (string.IsNullOrWhiteSpace(request.Subject))
            errors.Add("subject", "is required: a resident ID, a credit code or a subject key such as pp:E12345678");
        else if (SubjectId.TryParseFromAgency(request.Subject, ChinaTime.DateOf(now), out var subject, out var reason))
            subjectKey = subject.Key;
        else
            errors.Add("subject", reason);

        var measure = Line(request.Measure, "measure", 20, errors);

        var occurredAt = default(DateTimeOffset);
        if (request.OccurredAt is not { } occurred)
            errors.Add("occurredAt", "is required: the instant of the hit, with its offset (e.g. 2025-03-01T08:30:00+08:00)");
        else if (occurred > now + ClockSkew)
            errors.Add("occurredAt", $"must not be in the future (up to {ClockSkew.TotalMinutes:0} minutes of clock difference are allowed)");
        else if (occurred < now - OldestAccepted)
            errors.Add("occurredAt", "must be within the last year");
        else
            occurredAt = Microseconds(occurred);

        var place = Line(request.Place, "place", MaxPlace, errors);
        var outcome = errors.Enum(request.Outcome, "outcome");
        // Consumption rules Art. 8: a restricted person is let through only with the court's permission, which the report names.
        if (request.Outcome == HitOutcome.AllowedWithCourtPermission && request.PermissionId is null)
            errors.Add("permissionId", "is required with outcome AllowedWithCourtPermission: the court's permission (consumption rules Art. 8) that the check showed");
        else if (request.Outcome != HitOutcome.AllowedWithCourtPermission && request.PermissionId is not null)
            errors.Add("permissionId", "is given only with outcome AllowedWithCourtPermission");

        string? note = null;
        if (!string.IsNullOrWhiteSpace(request.Note))
        {
            note = request.Note.Trim();
            Add(TextRules.Paragraph(note, "note", MaxNote, published: false), errors);
        }

        return new ValidHitReport(reportId, subjectKey, measure, occurredAt, place, outcome, note, request.PermissionId);
    }

    /// <summary>Hits are read by the answerable court only, never published: an agency's place or report id may name the
    /// subject's number.</summary>
    private static string Line(string? value, string field, int max, RequestErrors errors)
    {
        Add(TextRules.Line(value, field, max, published: false), errors);
        return value?.Trim() ?? "";
    }

    private static void Add(Refusal? refusal, RequestErrors errors)
    {
        if (refusal is not null)
            errors.Add(refusal.Field, refusal.Rule);
    }

    /// <summary>PostgreSQL keeps instants to the microsecond: the stored instant and a retry's must compare equal.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
