using Credit.Api.Courts;
using Credit.Api.OpenApi;

namespace Credit.Api.Bulk;

public static class BulkJobEndpoints
{
    public const string Prefix = "/api/v1/courts/{court}/bulk-jobs";

    public static RouteGroupBuilder MapBulkJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix)
            .WithTags("Bulk jobs 批量报送")
            .RequireAuthorization(CourtApiKeyAuthentication.Policy)
            .WithParameter("court", "The calling court's code, as its key authenticates it (GET /api/v1/courts/me).", "粤0103")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", BulkJobHandlers.SubmitAsync)
            .WithName("SubmitBulkJob")
            .WithSummary("Submit a file of listings, restrictions, exit bans, corrections and removals (CSV or NDJSON) as one job; answered 202 with the job, which applies the rows in the background.")
            .WithDescription("The body is the file: Content-Type text/csv (a header row naming the columns, Chinese headers accepted) or " +
                "application/x-ndjson. UTF-8 unless the Content-Type names charset=gb18030 (also gbk, gb2312), as Excel on Chinese Windows " +
                "saves 'CSV (逗号分隔)'; both are read strictly, and a file that is not its charset is refused naming the byte and line. A " +
                "file sent without a charset whose UTF-8 is only two-byte letters (GBK bytes can read so) is refused until the charset is " +
                "named. Each row's idempotency key is the fingerprint of what it asks, so sending the file again, saved again or with " +
                "refused rows fixed, answers the rows already applied as AlreadyApplied.")
            .WithMetadata(new FileRequestBody(BulkFileFormats.Csv, BulkFileFormats.Ndjson))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/{jobId:guid}", BulkJobHandlers.GetAsync)
            .WithName("GetBulkJob")
            .WithSummary("A bulk job's progress: rows read, accepted, refused, failed, pending, and its state.")
            .WithParameter("jobId", "The job's id, as SubmitBulkJob answered it.", "6b1d0f3e-2c4a-4f7e-9a51-3e8c7d2b1a90")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{jobId:guid}/report", BulkJobHandlers.ReportAsync)
            .WithName("GetBulkJobReport")
            .WithSummary("A bulk job's report as CSV: each row's line, outcome and item id, and for a refused row each field and rule, as the single-change API names them.")
            .WithParameter("jobId", "The job's id, as SubmitBulkJob answered it.", "6b1d0f3e-2c4a-4f7e-9a51-3e8c7d2b1a90")
            .WithParameter("problemsOnly", "Only the refused and failed rows (default false).", true)
            .WithMetadata(new StreamedResponse(BulkFileFormats.Csv))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // A job id that is not one: answered 400 naming the field, rather than the bare 404 of a route that did not match.
        group.MapGet("/{jobId}", BulkJobHandlers.NotAJobId).ExcludeFromDescription();
        group.MapGet("/{jobId}/report", BulkJobHandlers.NotAJobId).ExcludeFromDescription();

        return group;
    }
}

public static class BulkFileFormats
{
    public const string Csv = "text/csv";
    public const string Ndjson = "application/x-ndjson";
}
