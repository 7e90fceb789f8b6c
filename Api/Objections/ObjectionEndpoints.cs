using Credit.Api.Courts;
using Credit.Api.Listings;
using Credit.Api.OpenApi;
using Credit.Api.Publication;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Objections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Objections;

/// <summary>Objections to listings (list rules Arts. 11–12): the applicant files and follows them with a receipt on the public
/// API; the courts read their queue with each deadline, decide, and correct or revoke.</summary>
public static class ObjectionEndpoints
{
    public static IEndpointRouteBuilder MapObjections(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/public/objections")
            .WithTags("Objections 异议")
            .AllowAnonymous()
            .RequireRateLimiting(PublicSearchEndpoints.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        open.MapPost("/", FileAsync).WithName("FileObjection")
            .WithSummary("Object to a listing in force (list rules Art. 11), as the listed subject or its lawyer, with the grounds, a contact and up to 5 PDF or JPEG files; answers the receipt number and, in this answer only, the applicant code (申请人校验码) that a request for reconsideration needs. The listing stays in force during the review.");
        open.MapGet("/{receipt}", ReceiptAsync).WithName("GetObjectionByReceipt")
            .WithParameter("receipt", "The receipt number the filing answered.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("Where an objection stands, its current deadline and each step with the court's reasons, for the holder of the receipt; nothing that identifies the subject or the applicant.");
        open.MapPost("/{receipt}/reconsideration", RequestReconsiderationAsync).WithName("RequestReconsideration")
            .WithParameter("receipt", "The receipt number of the rejected objection.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("Ask the next-higher court to reconsider a rejected objection, within 10 days of the rejection (Art. 12), with the applicant code (申请人校验码) the filing answered: 400 naming applicantCode when it is left out or malformed, 403 when it is not this objection's.");

        var courts = app.MapGroup("/api/v1/objections")
            .WithTags("Objections 异议")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        courts.MapGet("/", QueueAsync).WithName("ListObjections")
            .WithParameter("all", "true: closed objections too; open ones only when left out.", false)
            .WithSummary("The calling court's objections, as enforcing court and as the next-higher court asked to reconsider, oldest first, each with its deadline (15 days to review, 3 working days to correct or revoke, 15 days to reconsider) and overdue ones flagged.");
        courts.MapGet("/{receipt}", CourtViewAsync).WithName("GetObjection")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("One objection in full (subject, applicant, contact, grounds, attachments, steps), for the enforcing court and the court above it.");
        courts.MapGet("/{receipt}/attachments/{number:int}", AttachmentAsync).WithName("GetObjectionAttachment")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithParameter("number", "The attachment's number, from 1.", 1)
            .WithSummary("One attached file, as checked on intake, for the enforcing court and the court above it.");
        courts.MapPost("/{receipt}/review", ReviewAsync).WithName("ReviewObjection")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("The enforcing court upholds (naming the correction or revocation, due within 3 working days) or rejects the objection (Art. 11).");
        courts.MapPost("/{receipt}/reconsideration-decision", DecideReconsiderationAsync).WithName("DecideReconsideration")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("The next-higher court decides the request for reconsideration (Art. 12); upholding orders the correction or revocation, which the lower court or the higher court itself carries out.");
        courts.MapPost("/{receipt}/revocation", RevokeAsync).WithName("RevokeOnObjection")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("Revoke the listing as the upheld objection or the higher court's order says (Arts. 9, 12): the enforcing court, or the higher court that ordered it.");
        courts.MapPost("/{receipt}/correction", CorrectAsync).WithName("CorrectOnObjection")
            .WithParameter("receipt", "The objection's receipt number.", "2026-7K3M-QX9T-B2HD")
            .WithSummary("Correct the listing as the upheld objection or the higher court's order says (Arts. 9, 12): the enforcing court, or the higher court that ordered it.");
        return app;
    }

    /// <summary>Files under the request's Idempotency-Key: a retried or doubly submitted filing gets the first one's receipt and
    /// files nothing more; the same key with a different filing is refused as a court's reused key is.</summary>
    private static async Task<Results<Created<ObjectionReceiptView>, ValidationProblem, ObjectionProblem>> FileAsync(
        FileObjectionRequest request, HttpContext http, IGrainFactory grains, ObjectionQueries queries, IWorkingDayCalendarSource calendar,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var subject = SubjectRoute.Resolve(errors.Text(request.DocumentType, "documentType"), errors.Text(request.Number, "number"), errors,
            allowCreditCodeCheckMismatch: true);
        var caseNumber = errors.CaseNumber(request.CaseNumber);
        var applicant = errors.Required(request.Applicant, "applicant")?.ToApplicant(errors);
        var contact = errors.Required(request.Contact, "contact")?.ToContact(errors);
        var grounds = errors.Text(request.Grounds, "grounds");
        var files = AttachmentIntake.Read(request.Attachments, errors);
        var idempotencyKey = SubjectChange.IdempotencyKey(http, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);

        var fingerprint = SubjectChange.Fingerprint(http, request);
        var newCode = ObjectionApplicantCodes.New();
        var (receipt, claimedBy, claimedCode) = await queries.ClaimFilingAsync(idempotencyKey!, fingerprint, ObjectionReceipts.New(clock), newCode, cancellationToken);
        // A retry gets the first request's code back from the row its key opens; only a filing claimed before codes existed has none.
        var applicantCode = claimedCode ?? newCode;
        if (claimedBy != fingerprint)
            return ObjectionProblem.Of<Created<ObjectionReceiptView>>(
                Refuse.Conflict(SubjectChange.IdempotencyHeader, "was already used for a different request; use a new key for a new change"));
        // One objection at a time per listing: a second one, upheld and carried out after the first, would find the listing gone.
        if (await queries.OpenObjectionFiledOnAsync(subject.Key, caseNumber.Value, receipt, cancellationToken) is { } openSince)
        {
            await queries.ForgetFilingAsync(idempotencyKey!, receipt, CancellationToken.None);
            return ObjectionProblem.Of<Created<ObjectionReceiptView>>(Refuse.Conflict("caseNumber",
                $"Art. 11: an objection to this listing, filed on {openSince:yyyy-MM-dd}, is still open; follow it with the receipt number it was given instead of filing again"));
        }
        if (files.Count > 0)
            await queries.StoreAttachmentsAsync(receipt, [.. files.Select(f => (f.FileName, f.MediaType, f.Content, f.Sha256))], cancellationToken);
        var result = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(receipt))
            .File(new FileObjection(subject, caseNumber, applicant!, grounds, contact!, AttachmentIntake.Describe(files), applicantCode), idempotencyKey!, fingerprint);
        if (result.Refusal is { } refusal)
        {
            if (files.Count > 0)
                await queries.DeleteAttachmentsAsync(receipt, CancellationToken.None);
            await queries.ForgetFilingAsync(idempotencyKey!, receipt, CancellationToken.None);
            return ObjectionProblem.Of<Created<ObjectionReceiptView>>(refusal);
        }
        return TypedResults.Created($"/api/v1/public/objections/{receipt}",
            ObjectionReceiptView.Of(result.Objection!, calendar.Current, clock.Today()) with { ApplicantCode = applicantCode });
    }

    private static async Task<Results<Ok<ObjectionReceiptView>, ValidationProblem, ObjectionProblem>> ReceiptAsync(
        string receipt, IGrainFactory grains, ObjectionQueries queries, IWorkingDayCalendarSource calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (!ObjectionReceipts.TryRead(receipt, errors, out var key))
            return SubjectChange.Invalid(errors);
        if (await queries.FindAsync(key, cancellationToken) is { AwaitsSettlement: false } row)
            return TypedResults.Ok(ObjectionReceiptView.Of(row, calendar.Current, clock.Today()));
        // The queue may not have been written yet (its write failed and is retried), or the listing has ended and the objection
        // closes as moot when read: the objection itself decides.
        return await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key)).Get() is { } view
            ? TypedResults.Ok(ObjectionReceiptView.Of(view, calendar.Current, clock.Today()))
            : ObjectionProblem.NotFound();
    }

    /// <summary>Under the request's Idempotency-Key, as the filing: a retry answers the objection as it now is, not a conflict with
    /// the stage the first request moved it to.</summary>
    private static async Task<Results<Ok<ObjectionReceiptView>, ValidationProblem, ObjectionProblem>> RequestReconsiderationAsync(
        string receipt, ReconsiderationRequest request, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock)
    {
        var errors = new RequestErrors();
        ObjectionReceipts.TryRead(receipt, errors, out var key);
        var grounds = errors.Text(request.Grounds, "grounds");
        var applicantCode = ObjectionApplicantCodes.Read(request.ApplicantCode, errors);
        var idempotencyKey = SubjectChange.IdempotencyKey(http, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var result = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key!))
            .RequestReconsideration(new RequestReconsideration(grounds, applicantCode), idempotencyKey!, SubjectChange.Fingerprint(http, request));
        if (result.Refusal is { } refusal)
            return ObjectionProblem.Of<Ok<ObjectionReceiptView>>(refusal);
        return TypedResults.Ok(ObjectionReceiptView.Of(result.Objection!, calendar.Current, clock.Today()));
    }

    private static async Task<Ok<ObjectionQueue>> QueueAsync(bool? all, HttpContext http, IGrainFactory grains, ObjectionQueries queries, IWorkingDayCalendarSource calendar,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var court = http.User.Court().Value;
        var (today, days) = (clock.Today(), calendar.Current);
        var rows = await queries.QueueAsync(court, all == true, 1000, cancellationToken);
        if (rows.Any(r => r.AwaitsSettlement))
        {
            // Read, each closes as moot; then the queue is read again without them.
            foreach (var row in rows.Where(r => r.AwaitsSettlement))
                await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(row.Receipt)).Get();
            rows = await queries.QueueAsync(court, all == true, 1000, cancellationToken);
        }
        var items = rows.Select(row =>
        {
            var status = Enum.Parse<ObjectionStatus>(row.Status);
            var deadline = ObjectionDeadlineView.Of(status, row.FiledOn, row.DecidedOn, row.ReconsiderationRequestedOn, row.ReconsiderationDecidedOn, days, today);
            var waitingOn = status switch
            {
                ObjectionStatus.UnderReview or ObjectionStatus.Upheld => row.EnforcingCourt,
                ObjectionStatus.UnderReconsideration => row.ReconsideringCourt,
                ObjectionStatus.CorrectionOrdered => row.EnforcingCourt,
                _ => null,
            };
            return new ObjectionQueueItem(row.Receipt, ObjectionReference.Of(row.Receipt), row.CaseNumber, row.SubjectKey, row.ListingId, row.EnforcingCourt, row.ReconsideringCourt, status,
                row.Remedy is null ? null : Enum.Parse<ObjectionRemedy>(row.Remedy), row.FiledOn, waitingOn, deadline);
        }).ToList();
        return TypedResults.Ok(new ObjectionQueue(items, items.Count(i => i.Deadline?.Overdue == true),
            [.. items.Select(i => i.Deadline?.MissingCalendarYear).OfType<int>().Distinct().Order()]));
    }

    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> CourtViewAsync(
        string receipt, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock)
    {
        var errors = new RequestErrors();
        if (!ObjectionReceipts.TryRead(receipt, errors, out var key))
            return SubjectChange.Invalid(errors);
        var view = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key)).Get();
        if (view is null)
            return ObjectionProblem.NotFound();
        if (Handles(view, http.User.Court()) is { } forbidden)
            return forbidden;
        return TypedResults.Ok(ObjectionCourtView.Of(view, calendar.Current, clock.Today()));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ObjectionProblem>> AttachmentAsync(
        string receipt, int number, HttpContext http, IGrainFactory grains, ObjectionQueries queries, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (!ObjectionReceipts.TryRead(receipt, errors, out var key))
            return SubjectChange.Invalid(errors);
        var view = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key)).Get();
        if (view is null)
            return ObjectionProblem.NotFound();
        if (Handles(view, http.User.Court()) is { } forbidden)
            return forbidden;
        if (view.Attachments.All(a => a.Number != number) || await queries.AttachmentAsync(key, number, cancellationToken) is not { } file)
            return ObjectionProblem.NotFound("the objection has no attachment with this number", "number");
        return TypedResults.File(file.Content, file.MediaType, AttachmentIntake.DownloadName(file.FileName, file.MediaType));
    }

    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> ReviewAsync(
        string receipt, DecisionRequest request, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock) =>
        await DecideAsync(receipt, request, http, calendar, clock, (key, command, context) => grains.GetGrain<IObjectionGrain>(key).Decide(command, context));

    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> DecideReconsiderationAsync(
        string receipt, DecisionRequest request, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock) =>
        await DecideAsync(receipt, request, http, calendar, clock, (key, command, context) => grains.GetGrain<IObjectionGrain>(key).DecideReconsideration(command, context));

    /// <summary>A court's decision, under its Idempotency-Key as every court change: a retry answers the objection as it now is.</summary>
    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> DecideAsync(string receipt, DecisionRequest request,
        HttpContext http, IWorkingDayCalendarSource calendar, TimeProvider clock, Func<string, DecideObjection, CommandContext, Task<ObjectionResult>> decide)
    {
        var errors = new RequestErrors();
        ObjectionReceipts.TryRead(receipt, errors, out var key);
        var command = request.ToCommand(errors);
        var context = SubjectChange.ContextOf(http, request, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var result = await decide(ObjectionReceipts.GrainKey(key!), command, context!);
        return CourtAnswer(result, calendar, clock);
    }

    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> RevokeAsync(
        string receipt, RevocationRequest request, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock)
    {
        var errors = new RequestErrors();
        ObjectionReceipts.TryRead(receipt, errors, out var key);
        var explanation = errors.Text(request.Explanation, "explanation");
        var context = SubjectChange.ContextOf(http, request, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var result = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key!)).Revoke(explanation, context!);
        return CourtAnswer(result, calendar, clock);
    }

    private static async Task<Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem>> CorrectAsync(
        string receipt, CorrectListingRequest request, HttpContext http, IGrainFactory grains, IWorkingDayCalendarSource calendar, TimeProvider clock)
    {
        var errors = new RequestErrors();
        ObjectionReceipts.TryRead(receipt, errors, out var key);
        var command = request.ToCommand(Guid.Empty, errors);
        var context = SubjectChange.ContextOf(http, request, errors);
        if (errors.Any)
            return SubjectChange.Invalid(errors);
        var result = await grains.GetGrain<IObjectionGrain>(ObjectionReceipts.GrainKey(key!)).Correct(command, context!);
        return CourtAnswer(result, calendar, clock);
    }

    /// <summary>A court's step answered: the objection as the court now sees it, or the grain's refusal.</summary>
    private static Results<Ok<ObjectionCourtView>, ValidationProblem, ObjectionProblem> CourtAnswer(
        ObjectionResult result, IWorkingDayCalendarSource calendar, TimeProvider clock)
    {
        if (result.Refusal is { } refusal)
            return ObjectionProblem.Of<Ok<ObjectionCourtView>>(refusal);
        return TypedResults.Ok(ObjectionCourtView.Of(result.Objection!, calendar.Current, clock.Today()));
    }

    /// <summary>The enforcing court and the court above it (which reconsiders) read an objection; no other court.</summary>
    private static ObjectionProblem? Handles(ObjectionView view, Grains.Interfaces.Identifiers.CourtCode court) =>
        court == view.EnforcingCourt || court == view.EnforcingCourt.NextHigher
            ? null
            : ObjectionProblem.Forbidden($"the objection is handled by {view.EnforcingCourt} and the court above it");

}
