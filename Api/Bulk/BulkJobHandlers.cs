using System.Runtime.CompilerServices;
using Credit.Api.Courts;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.BulkJobs;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.BulkJobs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Credit.Api.Bulk;

/// <summary>The bulk-job endpoints: a court submits a file, reads the job's progress and downloads its report. Only its own
/// jobs: the court in the path is the key's court.</summary>
public static class BulkJobHandlers
{
    public static async Task<Results<Accepted<BulkJobProgress>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string court, HttpContext http, BulkJobWriter writer, BulkJobQueries queries, BulkRowChecks checks, IGrainFactory grains,
        IOptions<BulkIntakeOptions> options, TimeProvider clock, ILogger<BulkJobWriter> logger)
    {
        if (OtherCourt(http, court) is { } forbidden)
            return forbidden;
        var limits = options.Value;
        if (Format(http.Request.ContentType) is not (var format, var encoding))
        {
            return FileProblem(http, new BulkFileProblem(StatusCodes.Status415UnsupportedMediaType, HeaderNames.ContentType,
                $"must be {BulkFileFormats.Csv} or {BulkFileFormats.Ndjson}, with the charset {BulkFileEncoding.Accepted} (UTF-8 when none is named)"));
        }
        if (http.Request.ContentLength > limits.MaxFileBytes)
            return FileProblem(http, new BulkFileProblem(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {limits.MaxFileMegabytes} MB; split the file"));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limits.MaxFileBytes + 1;

        var callingCourt = http.User.Court();
        var job = Guid.NewGuid();
        await using var body = new LimitedBody(http.Request.Body, limits.MaxFileBytes);
        var reader = new BulkFileReader(body, format, encoding, limits);
        try
        {
            await writer.StoreAsync(job, callingCourt, http.User.Actor(), format == BulkFileFormat.Csv ? "csv" : "ndjson",
                Checked(reader, checks, http.RequestAborted), clock.GetUtcNow(), http.RequestAborted);
        }
        catch (BulkFileProblem problem)
        {
            return FileProblem(http, problem);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return FileProblem(http, new BulkFileProblem(StatusCodes.Status413PayloadTooLarge, "body", $"must be at most {limits.MaxFileMegabytes} MB; split the file"));
        }

        try
        {
            await grains.GetGrain<IBulkJobGrain>(job).Start();
        }
        catch (Exception error)
        {
            // Stored is stored: the job runs once the platform's sweep of unfinished jobs reaches it.
            logger.LogWarning(error, "Bulk job {Job} is stored but could not be started now; the sweep of unfinished jobs starts it", job);
        }
        var progress = await queries.FindAsync(callingCourt, job, http.RequestAborted);
        return TypedResults.Accepted(Location(callingCourt, job), progress!);
    }

    public static async Task<Results<Ok<BulkJobProgress>, ValidationProblem, ProblemHttpResult, NotFound>> GetAsync(
        string court, Guid jobId, HttpContext http, BulkJobQueries queries)
    {
        if (OtherCourt(http, court) is { } forbidden)
            return forbidden;
        return await queries.FindAsync(http.User.Court(), jobId, http.RequestAborted) is { } progress ? TypedResults.Ok(progress) : NoSuchJob(http);
    }

    public static ValidationProblem NotAJobId(string jobId) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["jobId"] = ["must be a job's id as SubmitBulkJob answered it, such as 6b1d0f3e-2c4a-4f7e-9a51-3e8c7d2b1a90"] });

    private static ProblemHttpResult NoSuchJob(HttpContext http) =>
        TypedResults.Problem($"jobId: no job of court {http.User.Court()} has this id.", statusCode: StatusCodes.Status404NotFound, title: "No such job 无此批量任务",
            extensions: new Dictionary<string, object?> { ["field"] = "jobId", ["rule"] = "must be the id of one of this court's jobs" });

    public static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult, NotFound>> ReportAsync(
        string court, Guid jobId, bool? problemsOnly, HttpContext http, BulkJobQueries queries)
    {
        if (OtherCourt(http, court) is { } forbidden)
            return forbidden;
        if (await queries.FindAsync(http.User.Court(), jobId, http.RequestAborted) is null)
            return NoSuchJob(http);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"bulk-job-{jobId}-report.csv\"";
        await BulkReportCsv.WriteAsync(http.Response.Body, queries.ReportAsync(jobId, problemsOnly == true, http.RequestAborted), http.RequestAborted);
        return TypedResults.Empty;
    }

    public static string Location(CourtCode court, Guid job) => $"/api/v1/courts/{Uri.EscapeDataString(court.ToString())}/bulk-jobs/{job}";

    /// <summary>Rows checked together: the checks are most of the intake's work and each row's is its own, so a batch is
    /// checked on every core while the rows stay in file order.</summary>
    private const int CheckedTogether = 512;

    /// <summary>The file's rows, checked, in file order. The next batch is read and checked while the caller copies this
    /// one into the database: one after the other, the copy's single connection left a core idle for a third of the intake.
    /// </summary>
    private static async IAsyncEnumerable<NewBulkRow> Checked(BulkFileReader reader, BulkRowChecks checks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var rows = reader.ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = Task.Run(() => NextBatchAsync(rows, checks), cancellationToken);
        var repeats = new RepeatedRows();
        try
        {
            while (await next is { Length: > 0 } batch)
            {
                next = Task.Run(() => NextBatchAsync(rows, checks), cancellationToken);
                foreach (var checkedRow in batch)
                    yield return repeats.Told(checkedRow);
            }
        }
        finally
        {
            // The reader is not to be disposed while a batch is still being read from it (the caller stopped early).
            await Task.WhenAny(next);
        }
    }

    /// <summary>The next rows of the file, checked; none at its end.</summary>
    private static async Task<NewBulkRow[]> NextBatchAsync(IAsyncEnumerator<RawBulkRow> rows, BulkRowChecks checks)
    {
        var batch = new List<RawBulkRow>(CheckedTogether);
        while (batch.Count < CheckedTogether && await rows.MoveNextAsync())
            batch.Add(rows.Current);
        var checkedRows = new NewBulkRow[batch.Count];
        Parallel.For(0, batch.Count, i => checkedRows[i] = checks.Check(batch[i]));
        return checkedRows;
    }

    private static (BulkFileFormat, BulkFileEncoding)? Format(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type) || BulkFileEncoding.OfCharset(type.Charset.Value) is not { } encoding)
            return null;
        var media = type.MediaType.Value ?? "";
        if (media.Equals(BulkFileFormats.Csv, StringComparison.OrdinalIgnoreCase))
            return (BulkFileFormat.Csv, encoding);
        if (media.Equals(BulkFileFormats.Ndjson, StringComparison.OrdinalIgnoreCase) || media.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase))
            return (BulkFileFormat.Ndjson, encoding);
        return null;
    }

    private static ProblemHttpResult? OtherCourt(HttpContext http, string court) =>
        CourtCode.TryParse(court, null, out var code) && code == http.User.Court()
            ? null
            : TypedResults.Problem($"court: is not the court of the key ({http.User.Court()}); a court submits and reads only its own jobs.",
                statusCode: StatusCodes.Status403Forbidden, title: "Another court's jobs",
                extensions: new Dictionary<string, object?> { ["field"] = "court", ["rule"] = "must be the court of the key" });

    private static ProblemHttpResult FileProblem(HttpContext http, BulkFileProblem problem) =>
        TypedResults.Problem($"{problem.Field}: {problem.Rule}. Nothing was stored.", statusCode: problem.Status,
            title: problem.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => "The file is too large 文件过大",
                StatusCodes.Status415UnsupportedMediaType => "The file is not CSV or NDJSON 文件须为 CSV 或 NDJSON",
                _ => "The file cannot be read 文件无法读取",
            },
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Rule] } });
}
