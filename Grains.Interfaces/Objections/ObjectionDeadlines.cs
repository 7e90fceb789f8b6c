using Credit.Grains.Interfaces.Time;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>What an objection waits for, and by when.</summary>
public enum ObjectionDeadlineKind
{
    /// <summary>Art. 11: the enforcing court's review, within 15 days of the filing.</summary>
    Review,
    /// <summary>Arts. 9, 11, 12: the correction or revocation, within 3 working days of the decision or order.</summary>
    Correction,
    /// <summary>Art. 12: the applicant's request for reconsideration, within 10 days of the rejection (the applicant's, not a court's).</summary>
    ReconsiderationRequest,
    /// <summary>Art. 12: the next-higher court's decision, within 15 days of the request.</summary>
    Reconsideration,
}

/// <summary>The deadline an objection in <paramref name="Kind"/>'s stage runs against; <see cref="CalendarDeadline.MissingYear"/>
/// when the working-day calendar lacks the year it falls in.</summary>
public readonly record struct ObjectionDeadline(ObjectionDeadlineKind Kind, CalendarDeadline Deadline)
{
    /// <summary>Overdue on <paramref name="today"/>: the day is past and the court has not acted (never for the applicant's own period).</summary>
    public bool OverdueOn(DateOnly today) => Kind != ObjectionDeadlineKind.ReconsiderationRequest && Deadline.Due is { } due && today > due;
}

/// <summary>The one rule that turns an objection's dates into its current deadline, for the queue, the receipt lookup and the
/// statistics alike.</summary>
public static class ObjectionDeadlines
{
    public const int ReviewDays = 15;
    public const int CorrectionWorkingDays = 3;
    public const int ReconsiderationRequestDays = 10;
    public const int ReconsiderationDays = 15;

    public static ObjectionDeadline? Current(ObjectionStatus status, DateOnly filedOn, DateOnly? decidedOn, DateOnly? reconsiderationRequestedOn,
        DateOnly? reconsiderationDecidedOn, WorkingDayCalendar calendar) => status switch
    {
        ObjectionStatus.UnderReview => new(ObjectionDeadlineKind.Review, calendar.AddDays(filedOn, ReviewDays)),
        ObjectionStatus.Upheld when decidedOn is { } decided => new(ObjectionDeadlineKind.Correction, calendar.AddWorkingDays(decided, CorrectionWorkingDays)),
        ObjectionStatus.Rejected when decidedOn is { } rejected => new(ObjectionDeadlineKind.ReconsiderationRequest, calendar.AddDays(rejected, ReconsiderationRequestDays)),
        ObjectionStatus.UnderReconsideration when reconsiderationRequestedOn is { } asked =>
            new(ObjectionDeadlineKind.Reconsideration, calendar.AddDays(asked, ReconsiderationDays)),
        ObjectionStatus.CorrectionOrdered when reconsiderationDecidedOn is { } ordered =>
            new(ObjectionDeadlineKind.Correction, calendar.AddWorkingDays(ordered, CorrectionWorkingDays)),
        _ => null,
    };
}
