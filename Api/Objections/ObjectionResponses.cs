using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Objections;

namespace Credit.Api.Objections;

/// <summary>The deadline an objection runs against now.</summary>
/// <param name="Kind">Review (Art. 11, 15 days), Correction (3 working days), ReconsiderationRequest (the applicant's 10 days,
/// Art. 12) or Reconsideration (the higher court's 15 days).</param>
/// <param name="Due">The last day, China time; null when the working-day calendar lacks the year it falls in.</param>
/// <param name="MissingCalendarYear">The year the court administrator has not entered yet, when the deadline cannot be computed.</param>
/// <param name="Overdue">The last day has passed and the court has not acted.</param>
public sealed record ObjectionDeadlineView(ObjectionDeadlineKind Kind, DateOnly? Due, int? MissingCalendarYear, bool Overdue)
{
    public static ObjectionDeadlineView? Of(ObjectionStatus status, DateOnly filedOn, DateOnly? decidedOn, DateOnly? requestedOn, DateOnly? reconsideredOn,
        WorkingDayCalendar calendar, DateOnly today) =>
        ObjectionDeadlines.Current(status, filedOn, decidedOn, requestedOn, reconsideredOn, calendar) is { } deadline
            ? new ObjectionDeadlineView(deadline.Kind, deadline.Deadline.Due, deadline.Deadline.MissingYear, deadline.OverdueOn(today))
            : null;
}

/// <summary>One step as the applicant and the courts read it.</summary>
public sealed record ObjectionStepView(int Number, string Kind, DateTimeOffset At, string? Court, string Text);

/// <summary>What the receipt shows its holder: where the objection stands, the deadline, and each step with the court's
/// reasons. Nothing that identifies the subject or the applicant: anyone holding the receipt reads it, so a resident ID in a
/// step's text (one stored before explanations were checked for them) is shown masked, as the public sees IDs.</summary>
/// <param name="Reference">How the subject's history names the objection (8 hexadecimal characters), in place of the receipt.</param>
/// <param name="ApplicantCode">Only in the filing's 201 answer (and a retry of it under the same Idempotency-Key): the applicant
/// code (申请人校验码) a request for reconsideration needs. It is shown nowhere else and kept only as a hash; null in every other
/// answer.</param>
public sealed record ObjectionReceiptView(
    string Receipt,
    string CaseNumber,
    string EnforcingCourt,
    string? ReconsideringCourt,
    ObjectionStatus Status,
    ObjectionRemedy? Remedy,
    DateOnly FiledOn,
    ObjectionDeadlineView? Deadline,
    IReadOnlyList<ObjectionStepView> Steps,
    string Reference,
    string? ApplicantCode = null)
{
    public static ObjectionReceiptView Of(ObjectionRow row, WorkingDayCalendar calendar, DateOnly today)
    {
        var status = Enum.Parse<ObjectionStatus>(row.Status);
        return new ObjectionReceiptView(row.Receipt, row.CaseNumber, row.EnforcingCourt, row.ReconsideringCourt, status,
            row.Remedy is null ? null : Enum.Parse<ObjectionRemedy>(row.Remedy), row.FiledOn,
            ObjectionDeadlineView.Of(status, row.FiledOn, row.DecidedOn, row.ReconsiderationRequestedOn, row.ReconsiderationDecidedOn, calendar, today),
            [.. row.Steps.Select(s => new ObjectionStepView(s.Number, s.Kind, s.At, s.Court, PublishedText.Of(s.Text)))], ObjectionReference.Of(row.Receipt));
    }

    public static ObjectionReceiptView Of(ObjectionView view, WorkingDayCalendar calendar, DateOnly today) =>
        new(view.Receipt, view.CaseNumber.Value, view.EnforcingCourt.Value, view.ReconsideringCourt?.Value, view.Status, view.Remedy, view.FiledOn,
            ObjectionDeadlineView.Of(view.Status, view.FiledOn, view.DecidedOn, view.ReconsiderationRequestedOn, view.ReconsiderationDecidedOn, calendar, today),
            [.. view.Steps.Select(s => new ObjectionStepView(s.Number, s.Kind.ToString(), s.At, s.Court?.Value, PublishedText.Of(s.Text)))],
            ObjectionReference.Of(view.Receipt));
}

/// <summary>An objection as the courts handling it read it: the receipt's view plus the subject, the listing, the applicant,
/// the contact, the grounds and the attachments.</summary>
public sealed record ObjectionCourtView(
    ObjectionReceiptView Objection,
    string SubjectDocumentType,
    string SubjectNumber,
    string SubjectName,
    Guid ListingId,
    ObjectionApplicant Applicant,
    ObjectionContact Contact,
    string Grounds,
    IReadOnlyList<ObjectionAttachment> Attachments)
{
    public static ObjectionCourtView Of(ObjectionView view, WorkingDayCalendar calendar, DateOnly today) => new(
        ObjectionReceiptView.Of(view, calendar, today), view.Subject.Type.Slug(), view.Subject.Number,
        view.SubjectName, view.ListingId, view.Applicant, view.Contact, view.Grounds, view.Attachments);
}

/// <summary>One objection in a court's queue.</summary>
/// <param name="Reference">How the subject's history names the objection, in place of the receipt.</param>
/// <param name="WaitingOn">The court whose move it is: the enforcing court, or the higher court during reconsideration.</param>
public sealed record ObjectionQueueItem(
    string Receipt,
    string Reference,
    string CaseNumber,
    string SubjectKey,
    Guid ListingId,
    string EnforcingCourt,
    string? ReconsideringCourt,
    ObjectionStatus Status,
    ObjectionRemedy? Remedy,
    DateOnly FiledOn,
    string? WaitingOn,
    ObjectionDeadlineView? Deadline);

/// <summary>A court's queue, oldest filing first; <see cref="Overdue"/> counts the items past their deadline.</summary>
public sealed record ObjectionQueue(IReadOnlyList<ObjectionQueueItem> Items, int Overdue, IReadOnlyList<int> MissingCalendarYears);
