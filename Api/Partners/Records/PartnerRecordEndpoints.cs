using System.Text.RegularExpressions;
using Credit.Api.Courts;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Partners;
using Credit.Grains.Interfaces.Text;
using Credit.ReadModels.Interceptions.Areas;
using Credit.ReadModels.Partners;
using Credit.ReadModels.Screens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Credit.Api.Partners.Records;

/// <summary>What a court records of a subject for the exposure partners, each part optional: the usual residence (the
/// district, a street or town, a point; never the address) and phone numbers. Setting and deleting are idempotent by nature
/// (PUT, DELETE). The calling court must enforce an active listing of the subject; what it records is deleted with the
/// subject's last active listing.</summary>
public static partial class PartnerRecordEndpoints
{
    public const int MaximumPhones = 5;

    [GeneratedRegex("^[0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex District();

    [GeneratedRegex("^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}[0-9]{7,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    // A house number or a building: a street or town never needs a digit, and 号, 栋, 室 name a building or a door.
    [GeneratedRegex(@"[0-9０-９一二三四五六七八九十百]+\s*[号號栋棟幢室楼樓]|[0-9０-９]", RegexOptions.CultureInvariant)]
    private static partial Regex HouseNumber();

    public static IEndpointRouteBuilder MapPartnerRecords(this IEndpointRouteBuilder app)
    {
        var group = app.MapSubjectGroup("", "Exposure partners 曝光合作方");

        group.MapPut("/residence", async Task<Results<Ok<Residence>, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, ResidenceRequest request, HttpContext http, PartnerRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (request.RegionCode is null || !District().IsMatch(request.RegionCode) || !RegionCodes.IsValidPrefix(request.RegionCode)
                || request.RegionCode.EndsWith("00", StringComparison.Ordinal))
                errors.Add("regionCode", "must be the six-digit code of a district or county (GB/T 2260), e.g. 440103");
            string? street = null;
            if (request.Street is not null)
            {
                if (TextRules.Line(request.Street, "street", 30) is { } refusal)
                    errors.Add(refusal.Field, refusal.Rule);
                else if (HouseNumber().IsMatch(request.Street))
                    errors.Add("street", "must name a street (街道) or town (镇) only, never an address: no house, building or room numbers");
                else
                    street = request.Street.Trim();
            }
            if (request.Latitude is not { } latitude || !double.IsFinite(latitude) || latitude is < -90 or > 90)
                errors.Add("latitude", "is required: −90 to 90 degrees (WGS 84)");
            if (request.Longitude is not { } longitude || !double.IsFinite(longitude) || longitude is < -180 or > 180)
                errors.Add("longitude", "is required: −180 to 180 degrees (WGS 84)");
            else if (!errors.Any)
                ResidenceExtents.Check(request.RegionCode!, request.Latitude!.Value, longitude, errors);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var residence = new Residence(request.RegionCode!, street, request.Latitude!.Value, request.Longitude!.Value);
            var outcome = await records.RecordResidenceAsync(subject.Key, residence, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.Ok(residence) : Refused(outcome, "must be a subject with an active listing of the calling court");
        }).WithName("PutSubjectResidence")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Record where the subject usually lives, for the exposure partners and the public nearby search: the district, optionally the street or town, and a point; never the address. Replaces any earlier record.");

        group.MapDelete("/residence", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, HttpContext http, PartnerRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var outcome = await records.DeleteResidenceAsync(subject.Key, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.NoContent() : Refused(outcome, "must be a subject with a recorded residence and an active listing of the calling court");
        }).WithName("DeleteSubjectResidence")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Delete the subject's recorded residence.");

        group.MapPut("/phones", async Task<Results<Ok<SubjectPhones>, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, PhonesRequest request, HttpContext http, PartnerRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            var phones = new List<string>();
            if (request.Phones is not { Count: >= 1 and <= MaximumPhones })
                errors.Add("phones", $"must hold 1 to {MaximumPhones} numbers");
            foreach (var (phone, i) in (request.Phones ?? []).Select((p, i) => (p, i)))
            {
                var digits = phone?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
                if (digits is null || digits.Length > 20 || !Phone().IsMatch(digits))
                    errors.Add($"phones[{i}]", "must be a mainland mobile number (11 digits, 13 to 19) or a fixed line with its area code, e.g. 020-83001234");
                else if (phones.Contains(digits))
                    errors.Add($"phones[{i}]", "is given twice");
                else
                    phones.Add(digits);
            }
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var outcome = await records.RecordPhonesAsync(subject.Key, phones, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.Ok(new SubjectPhones(phones)) : Refused(outcome, "must be a subject with an active listing of the calling court");
        }).WithName("PutSubjectPhones")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Record the subject's phone numbers, for the telecom operators' ring-back tone (and only partners granted them). Replaces any earlier record.");

        group.MapDelete("/phones", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
            string documentType, string number, HttpContext http, PartnerRecords records, CancellationToken cancellationToken) =>
        {
            var errors = new RequestErrors();
            var subject = SubjectRoute.Resolve(documentType, number, errors, allowCreditCodeCheckMismatch: true);
            if (errors.Any)
                return SubjectChange.Invalid(errors);
            var outcome = await records.DeletePhonesAsync(subject.Key, http.User.Court().Value, http.User.Actor(), cancellationToken);
            return outcome == ScreenRecordOutcome.Done ? TypedResults.NoContent() : Refused(outcome, "must be a subject with recorded phone numbers and an active listing of the calling court");
        }).WithName("DeleteSubjectPhones")
          .ProducesProblem(StatusCodes.Status404NotFound)
          .WithSummary("Delete the subject's recorded phone numbers.");

        return app;
    }

    private static ProblemHttpResult Refused(ScreenRecordOutcome outcome, string rule)
    {
        var (status, title) = outcome == ScreenRecordOutcome.OtherCourt
            ? (StatusCodes.Status403Forbidden, "Another court's case")
            : (StatusCodes.Status404NotFound, "Not found");
        return TypedResults.Problem($"documentType: {rule}. Nothing was changed.", statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["field"] = "documentType", ["rule"] = rule });
    }
}
