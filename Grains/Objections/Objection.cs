using System.Text.RegularExpressions;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.Grains.Interfaces.Time;

namespace Credit.Grains.Objections;

/// <summary>The rules of an objection to a listing (list rules Arts. 11–12), free of Orleans: each step either refuses and
/// changes nothing, or changes <see cref="State"/> and adds a step. The listing stays in force meanwhile; only the court's
/// correction or revocation (through the subject) changes it.</summary>
public sealed partial class Objection(string receipt, ObjectionState state, TimeProvider clock, WorkingDayCalendar calendar)
{
    private const int CorrectionWorkingDays = ObjectionDeadlines.CorrectionWorkingDays;
    private const int ReconsiderationRequestDays = ObjectionDeadlines.ReconsiderationRequestDays;
    private const int ReconsiderationDays = ObjectionDeadlines.ReconsiderationDays;

    public const int MaximumAttachments = 5;

    public ObjectionState State { get; } = state;

    private ObjectionView View => State.Objection!;

    private DateOnly Today => clock.Today();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,23}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    public Refusal? File(FileObjection command, SubjectSnapshot? subject)
    {
        if (State.Objection is not null)
            return Refuse.Conflict("receipt", "an objection with this receipt number was already filed");
        var listing = subject?.Listings.FirstOrDefault(l => l.CaseNumber == command.CaseNumber && l.Status == ListingStatus.Active);
        if (subject is null || listing is null)
            return Refuse.NotFound("caseNumber", "Art. 11: the subject has no listing in force in this case; only a listing in force can be objected to");
        var applicant = command.Applicant;
        if (TextRules.Name(applicant.Name, "applicant.name", 100, published: false) is { } badName)
            return badName;
        if (!Enum.IsDefined(applicant.Role))
            return Refuse.Invalid("applicant.role", "must be Subject or Lawyer");
        // The name is compared as the public search compares it, so the subject who found the listing under a name files in it:
        // a minority name's middle dot as the input method gives it (・ for ·), Latin case, spaces and hyphens do not count.
        if (applicant.Role == ApplicantRole.Subject && NameSearchKey.Of(applicant.Name) != NameSearchKey.Of(subject.Profile.Name))
            return Refuse.Invalid("applicant.name", "Art. 11: the listed subject files in the name it is listed under (spaces, middle dots, hyphens and the case of Latin letters do not count); a lawyer files as Lawyer with the law firm and licence number");
        if (applicant.Role == ApplicantRole.Lawyer)
        {
            if (TextRules.Line(applicant.LawFirm, "applicant.lawFirm", 100, published: false) is { } badFirm)
                return badFirm;
            if (TextRules.Line(applicant.LicenceNumber, "applicant.licenceNumber", 30, published: false) is { } badLicence)
                return badLicence;
        }
        else if (applicant.LawFirm is not null || applicant.LicenceNumber is not null)
            return Refuse.Invalid(applicant.LawFirm is not null ? "applicant.lawFirm" : "applicant.licenceNumber", "only a lawyer gives a law firm and licence number");
        if (TextRules.Paragraph(command.Grounds, "grounds", 4000, published: false) is { } badGrounds)
            return badGrounds;
        var contact = command.Contact;
        if (contact.Phone is null || !Phone().IsMatch(contact.Phone.Trim()))
            return Refuse.Invalid("contact.phone", "must be a telephone number: digits, spaces and hyphens, optionally starting with +, 5 to 24 characters");
        if (contact.Email is not null && (contact.Email.Length > 254 || !Email().IsMatch(contact.Email.Trim())))
            return Refuse.Invalid("contact.email", "must be an e-mail address");
        if (contact.Address is not null && TextRules.Line(contact.Address, "contact.address", 200, published: false) is { } badAddress)
            return badAddress;
        if (command.Attachments.Count > MaximumAttachments)
            return Refuse.Invalid("attachments", $"at most {MaximumAttachments} files");

        var filedAt = clock.GetUtcNow();
        State.ApplicantCodeHash = ApplicantCodes.Hash(receipt, command.ApplicantCode);
        State.Objection = new ObjectionView(receipt, 0, command.Subject, subject.Profile.Name, listing.Id, listing.CaseNumber, listing.Court, null,
            ObjectionStatus.UnderReview, null,
            applicant with { Name = applicant.Name.Trim(), LawFirm = applicant.LawFirm?.Trim(), LicenceNumber = applicant.LicenceNumber?.Trim() },
            new ObjectionContact(contact.Phone.Trim(), contact.Email?.Trim(), contact.Address?.Trim()), command.Grounds.Trim(), command.Attachments,
            [], ChinaTime.DateOf(filedAt), null, null, null, null);
        Step(ObjectionStepKind.Filed, listing.Court, "applicant",
            $"Art. 11 objection filed by the {(applicant.Role == ApplicantRole.Lawyer ? "subject's lawyer" : "subject")} with {listing.Court}; the listing stays in force during the review", null);
        return null;
    }

    /// <summary>Art. 11: the enforcing court upholds (naming the correction or revocation) or rejects.</summary>
    public Refusal? Decide(DecideObjection command, ObjectionActor actor, bool higherCourtOnPlatform)
    {
        if (State.Objection is null)
            return Refuse.NotFound("receipt", "no objection with this receipt number");
        if (actor.Court != View.EnforcingCourt)
            return Refuse.Forbidden("receipt", $"Art. 11: the objection is reviewed by the enforcing court {View.EnforcingCourt}");
        if (View.Status != ObjectionStatus.UnderReview)
            return Refuse.Conflict("receipt", $"the objection is {Stage}, not under review");
        if (Decision(command) is { } invalid)
            return invalid;
        var upheld = command.Decision == ObjectionDecision.Uphold;
        State.Objection = View with
        {
            Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected,
            Remedy = upheld ? command.Remedy : null,
            DecidedOn = Today,
        };
        Step(upheld ? ObjectionStepKind.Upheld : ObjectionStepKind.Rejected, actor.Court, actor.Name,
            upheld
                ? $"Art. 11: objection upheld; the listing is to be {(command.Remedy == ObjectionRemedy.Revoke ? "revoked" : "corrected")} within {CorrectionWorkingDays} working days: {command.Explanation.Trim()}"
                : higherCourtOnPlatform
                    ? $"Art. 11: objection rejected; the applicant may ask {View.EnforcingCourt.NextHigher} to reconsider within {ReconsiderationRequestDays} days (Art. 12): {command.Explanation.Trim()}"
                    : $"Art. 11: objection rejected; the court above {View.EnforcingCourt} is not on the platform, so reconsideration (Art. 12) is asked of it outside it: {command.Explanation.Trim()}",
            upheld ? command.Remedy : null);
        return null;
    }

    /// <summary>Art. 12: the rejected applicant asks the next-higher court, within 10 days of the rejection.</summary>
    /// <param name="higherCourtOnPlatform">Whether the next-higher court is a court of the platform, which alone can decide.</param>
    public Refusal? RequestReconsideration(RequestReconsideration command, Listing? listing, bool higherCourtOnPlatform)
    {
        if (State.Objection is null)
            return Refuse.NotFound("receipt", "no objection with this receipt number");
        if (State.ApplicantCodeHash is { } codeHash)
        {
            if (string.IsNullOrEmpty(command.ApplicantCode))
                return Refuse.Invalid("applicantCode", "is required: the 8-character applicant code (申请人校验码) the filing answered with the receipt");
            if (!ApplicantCodes.Matches(receipt, command.ApplicantCode, codeHash))
                return Refuse.Forbidden("applicantCode", "is not the applicant code (申请人校验码) this objection's filing answered; only the applicant asks for reconsideration");
        }
        if (View.Status != ObjectionStatus.Rejected)
            return Refuse.Conflict("receipt", $"Art. 12: only a rejected objection can be taken to the next-higher court; this one is {Stage}");
        if (listing is not { Status: ListingStatus.Active })
            return Refuse.Conflict("receipt", $"Art. 12: {Ended(listing)}, so nothing is left to reconsider");
        if (View.EnforcingCourt.NextHigher is not { } higher || !higherCourtOnPlatform)
            return Refuse.Conflict("receipt", $"Art. 12: court {View.EnforcingCourt} has no higher court on the platform");
        if (TextRules.Paragraph(command.Grounds, "grounds", 4000, published: false) is { } badGrounds)
            return badGrounds;
        var rejectedOn = View.DecidedOn!.Value;
        // A request within 10 calendar days is in time whatever the calendar says (a period ending on a rest day only
        // grows); a later one needs the calendar, and a year it lacks is not guessed.
        if (Today > rejectedOn.AddDays(ReconsiderationRequestDays))
        {
            var due = calendar.AddDays(rejectedOn, ReconsiderationRequestDays);
            if (due.MissingYear is { } missing)
                return Refuse.Conflict("receipt", $"the working-day calendar has no entry for {missing}, so whether the request is in time cannot be computed; the court administrator must add the year");
            if (Today > due.Due)
                return Refuse.Conflict("receipt", $"Art. 12: reconsideration is asked within {ReconsiderationRequestDays} days of the rejection of {rejectedOn:yyyy-MM-dd}, by {due.Due:yyyy-MM-dd}");
        }
        State.Objection = View with
        {
            Status = ObjectionStatus.UnderReconsideration,
            ReconsideringCourt = higher,
            ReconsiderationRequestedOn = Today,
        };
        Step(ObjectionStepKind.ReconsiderationRequested, higher, "applicant",
            $"Art. 12: reconsideration asked of {higher}, which decides within {ReconsiderationDays} days; the listing stays in force meanwhile", null);
        return null;
    }

    /// <summary>Art. 12: the next-higher court decides; it may order the listing corrected or revoked.</summary>
    public Refusal? DecideReconsideration(DecideObjection command, ObjectionActor actor)
    {
        if (State.Objection is null)
            return Refuse.NotFound("receipt", "no objection with this receipt number");
        if (View.Status != ObjectionStatus.UnderReconsideration)
            return Refuse.Conflict("receipt", $"the objection is {Stage}, not under reconsideration");
        if (actor.Court != View.ReconsideringCourt)
            return Refuse.Forbidden("receipt", $"Art. 12: the request for reconsideration is decided by {View.ReconsideringCourt}, the court above {View.EnforcingCourt}");
        if (Decision(command) is { } invalid)
            return invalid;
        var upheld = command.Decision == ObjectionDecision.Uphold;
        State.Objection = View with
        {
            Status = upheld ? ObjectionStatus.CorrectionOrdered : ObjectionStatus.ReconsiderationRejected,
            Remedy = upheld ? command.Remedy : null,
            ReconsiderationDecidedOn = Today,
        };
        Step(upheld ? ObjectionStepKind.CorrectionOrdered : ObjectionStepKind.ReconsiderationRejected, actor.Court, actor.Name,
            upheld
                ? $"Art. 12: {actor.Court} orders the listing {(command.Remedy == ObjectionRemedy.Revoke ? "revoked" : "corrected")} within {CorrectionWorkingDays} working days, by {View.EnforcingCourt} or by itself: {command.Explanation.Trim()}"
                : $"Art. 12: reconsideration rejected; the listing stands: {command.Explanation.Trim()}",
            upheld ? command.Remedy : null);
        return null;
    }

    /// <summary>Who may carry out the remedy: the enforcing court, and, once it ordered it, the next-higher court (Art. 12).
    /// This is the one exception to the rule that a court changes only its own cases.</summary>
    public Refusal? MayRemedy(ObjectionRemedy remedy, CourtCode court)
    {
        if (State.Objection is null)
            return Refuse.NotFound("receipt", "no objection with this receipt number");
        if (View.Status is not (ObjectionStatus.Upheld or ObjectionStatus.CorrectionOrdered))
            return Refuse.Conflict("receipt", $"the objection is {Stage}; a listing is corrected or revoked only on an upheld objection or a higher court's order");
        if (View.Remedy != remedy)
            return Refuse.Conflict("receipt", $"the decision was to {(View.Remedy == ObjectionRemedy.Revoke ? "revoke" : "correct")} the listing, not to {(remedy == ObjectionRemedy.Revoke ? "revoke" : "correct")} it");
        var allowed = court == View.EnforcingCourt || (View.Status == ObjectionStatus.CorrectionOrdered && court == View.ReconsideringCourt);
        return allowed ? null : Refuse.Forbidden("receipt",
            $"the listing is corrected or revoked by {View.EnforcingCourt}{(View.Status == ObjectionStatus.CorrectionOrdered ? $" or {View.ReconsideringCourt}, which ordered it" : "")}");
    }

    /// <summary>Closes an open objection whose listing is no longer in force (removed for another reason, revoked on another
    /// objection, its term run out): nothing is left to decide, correct or revoke, and a remedy that can no longer be carried
    /// out would wait, and count as overdue, for good. Says when and why the listing ended; false when it is still in force.</summary>
    public bool SettleIfListingEnded(Listing? listing)
    {
        if (State.Objection is null || !View.Status.MayBecomeMoot() || listing is { Status: ListingStatus.Active })
            return false;
        if (View.Status == ObjectionStatus.Rejected && !EndedWhileReconsiderationCouldBeAsked(listing))
            return false;
        var without = View.Status switch
        {
            ObjectionStatus.Rejected => "reconsideration, which nothing is left to receive",
            _ when View.Remedy is null => "a decision",
            _ => "the correction or revocation, which nothing is left to receive",
        };
        State.Objection = View with { Status = ObjectionStatus.Moot };
        Step(ObjectionStepKind.Moot, View.EnforcingCourt, "platform", $"{Ended(listing)}; the objection is closed without {without}", null);
        return true;
    }

    /// <summary>Art. 12: the listing of a rejected objection ended within the 10 days the applicant had to ask for reconsideration,
    /// so the rejection's deadline would offer a request that can only be refused. Judged by the day the listing ended, not the day
    /// this is read, so a rejection that had become final before its listing ended stays as it was. A year missing from the
    /// calendar is not guessed: the deadline it leaves open is closed with the listing.</summary>
    private bool EndedWhileReconsiderationCouldBeAsked(Listing? listing)
    {
        if (View.DecidedOn is not { } rejectedOn || listing?.End is not { } end)
            return true;
        var endedOn = ChinaTime.DateOf(end.At);
        return endedOn <= rejectedOn.AddDays(ReconsiderationRequestDays)
            || calendar.AddDays(rejectedOn, ReconsiderationRequestDays).Due is not { } due || endedOn <= due;
    }

    public void Remedied(ObjectionRemedy remedy, CourtCode court, string actor)
    {
        State.Objection = View with { Status = ObjectionStatus.Remedied, RemediedOn = Today };
        Step(ObjectionStepKind.Remedied, court, actor, $"Art. 9: the listing was {(remedy == ObjectionRemedy.Revoke ? "revoked" : "corrected")} by {court} on the objection", remedy);
    }

    private static string Ended(Listing? listing) => listing?.End is { } end
        ? $"the listing was removed on {ChinaTime.DateOf(end.At):yyyy-MM-dd} ({end.Reason}, {end.Reason.Article()})"
        : "the listing is no longer in force";

    /// <summary>The stage, and for a moot objection why it closed.</summary>
    private string Stage => View.Status == ObjectionStatus.Moot ? $"closed ({View.Steps[^1].Text})" : View.Status.ToString();

    private static Refusal? Decision(DecideObjection command)
    {
        if (!Enum.IsDefined(command.Decision))
            return Refuse.Invalid("decision", "must be Uphold or Reject");
        if (command.Decision == ObjectionDecision.Uphold && command.Remedy is not { } remedy)
            return Refuse.Invalid("remedy", "Art. 9: upholding names the remedy: Correct (the listing is inaccurate) or Revoke (wrongly listed)");
        if (command.Remedy is { } given && (!Enum.IsDefined(given) || command.Decision == ObjectionDecision.Reject))
            return Refuse.Invalid("remedy", "is given only when upholding, as Correct or Revoke");
        // The applicant's receipt shows the reasons to whoever holds it, without a key: published text, so no full resident ID.
        return TextRules.Paragraph(command.Explanation, "explanation", 2000, published: true);
    }

    private void Step(ObjectionStepKind kind, CourtCode? court, string actor, string text, ObjectionRemedy? remedy)
    {
        var steps = View.Steps;
        State.Objection = View with
        {
            Version = View.Version + 1,
            Steps = [.. steps, new ObjectionStep(steps.Count + 1, kind, clock.GetUtcNow(), court, actor, text, remedy)],
        };
    }
}
