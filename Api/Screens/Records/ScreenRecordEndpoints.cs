using Credit.Api.Courts;
using Credit.Api.OpenApi;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Text;
using Credit.ReadModels.Screens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Credit.Api.Screens.Records;

/// <summary>What a court records for the screens: a subject's ID photo, and a listing kept off the screens. Setting and
/// deleting are idempotent by nature (PUT, DELETE), so a retry needs no Idempotency-Key.</summary>
public static class ScreenRecordEndpoints
{
    public static RouteGroupBuilder MapScreenRecords(this IEndpointRouteBuilder app)
    {
        var group = app.MapSubjectGroup("", "Subway screens 地铁屏幕曝光")
            .WithParameter("listingId", "The listing's id, as the court's CreateListing answered it.", "3f1c2a52-0c3e-4e0a-9d38-5b7a3c9e1f20");

        group.MapPut("/photo", async Task<Results<Ok<SubjectPhoto>, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, HttpContext http, ScreenRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !PhotoIntake.MediaTypes.Contains(type.MediaType.Value?.ToLowerInvariant()))
                return UnsupportedType();
            var upload = await ReadBodyAsync(http.Request, cancellationToken);
            if (upload is null)
                errors.Add("body", $"must be at most {PhotoIntake.MaximumBytes / 1024 / 1024} MiB");
            else if (upload.Length == 0)
                errors.Add("body", "must be the image");
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            if (PhotoIntake.Read(upload!, out var rule) is not { } image)
            {
                errors.Add("body", rule);
                return SubjectChange.Invalid(errors);
            }
            var (outcome, photoId) = await records.StorePhotoAsync(subject.Key, image.Jpeg, PhotoIntake.StoredMediaType, image.Width, image.Height,
                http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done
                ? TypedResults.Ok(new SubjectPhoto(photoId!, image.Width, image.Height, PhotoIntake.StoredMediaType, image.Jpeg.Length))
                : Refused(outcome, "documentType", "must be a subject with an active listing of the calling court");
        }).WithName("PutSubjectPhoto")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithMetadata(new BinaryRequestBody([.. PhotoIntake.MediaTypes]))
          .WithSummary($"Store the subject's ID photo for the subway screens (JPEG, PNG or WebP, at most {PhotoIntake.MaximumBytes / 1024 / 1024} MiB and {PhotoIntake.MaximumSide}×{PhotoIntake.MaximumSide} pixels), replacing any earlier one. The image is decoded and encoded anew without its metadata (EXIF GPS and the like). The calling court must enforce an active listing of the subject; the photo is deleted with the subject's last active listing.");

        group.MapDelete("/photo", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, HttpContext http, ScreenRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var outcome = await records.DeletePhotoAsync(subject.Key, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.NoContent() : Refused(outcome, "documentType", "must be a subject with a photo and an active listing of the calling court");
        }).WithName("DeleteSubjectPhoto")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Delete the subject's ID photo: no screen shows it from the next poll on.");

        group.MapPut("/listings/{listingId:guid}/screen-exclusion", async Task<Results<Ok<ScreenExclusion>, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, Guid listingId, ScreenExclusionRequest request, HttpContext http, ScreenRecords records,
            CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (TextRules.Line(request.Reason, "reason", 500) is { } refusal)
                errors.Add(refusal.Field, refusal.Rule);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var (outcome, exclusion) = await records.ExcludeAsync(subject.Key, listingId, http.User.Court().Value, http.User.Actor(), request.Reason!.Trim(),
                cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.Ok(exclusion!) : Refused(outcome, "listingId", "must be an active listing of the calling court");
        }).WithName("ExcludeListingFromScreens")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Keep one of the court's active listings off the subway screens (it leaves every playlist at once and stays published elsewhere); a repeat records the new reason.");

        group.MapDelete("/listings/{listingId:guid}/screen-exclusion", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, Guid listingId, HttpContext http, ScreenRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var outcome = await records.LiftExclusionAsync(subject.Key, listingId, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.NoContent() : Refused(outcome, "listingId", "must be an active listing of the calling court kept off the screens");
        }).WithName("LiftScreenExclusion")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Let the court's listing back onto the subway screens.");

        return group;
    }

    /// <summary>The body, or null when it is longer than a photo may be.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > PhotoIntake.MaximumBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > PhotoIntake.MaximumBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult UnsupportedType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "The body is not an image type the platform takes 照片须为 JPEG、PNG 或 WebP",
        detail: $"{HeaderNames.ContentType}: must be one of {string.Join(", ", PhotoIntake.MediaTypes)}. Nothing was changed.",
        extensions: new Dictionary<string, object?>
        {
            ["errors"] = new Dictionary<string, string[]> { [HeaderNames.ContentType] = [$"must be one of {string.Join(", ", PhotoIntake.MediaTypes)}"] },
        });

    private static ProblemHttpResult Refused(ScreenRecordOutcome outcome, string field, string rule)
    {
        var (status, title) = outcome == ScreenRecordOutcome.OtherCourt
            ? (StatusCodes.Status403Forbidden, "Another court's case")
            : (StatusCodes.Status404NotFound, "Not found");
        return TypedResults.Problem($"{field}: {rule}. Nothing was changed.", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = field, ["rule"] = rule });
    }
}
