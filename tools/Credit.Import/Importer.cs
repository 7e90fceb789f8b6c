using System.Diagnostics;
using System.Text.Json;
using Credit.Client;
using Spectre.Console;

namespace Credit.Import;

/// <summary>Submits a bulk file as a job, follows it with a progress bar (rows per second, refusals so far) and saves its
/// report beside the file. Exit codes: 0 every row applied; 1 rows were refused or failed (the report says which and why);
/// 3 the file itself was refused; 4 the platform could not be reached or answered otherwise.</summary>
public sealed class Importer(IAnsiConsole console, HttpClient http, TimeSpan pollInterval)
{
    public const int Applied = 0, RowsRefused = 1, FileRefused = 3, Unreachable = 4;

    public async Task<int> RunAsync(ImportOptions options, CancellationToken cancellationToken)
    {
        var client = new CreditClient(http);
        if (!File.Exists(options.File))
        {
            console.MarkupLineInterpolated($"[red]No such file:[/] {options.File}");
            return FileRefused;
        }
        try
        {
            var court = (await client.GetCallingCourtAsync(cancellationToken)).Code;
            var size = new FileInfo(options.File).Length;
            console.MarkupLineInterpolated($"Importing [bold]{Path.GetFileName(options.File)}[/] ({size / 1024.0 / 1024.0:F1} MB) for court [bold]{court}[/] at {options.Platform}");
            var charset = options.Charset;
            if (charset is null)
            {
                var detected = await FileCharset.DetectAsync(options.File, cancellationToken);
                if (detected.BothWays is var (asUtf8, asGb18030))
                {
                    console.MarkupLineInterpolated($"[red]The file reads both as UTF-8 and as GB18030 (GBK), and which one it is decides its names.[/] Its first such line:");
                    console.MarkupLineInterpolated($"  as UTF-8:   {asUtf8}");
                    console.MarkupLineInterpolated($"  as GB18030: {asGb18030}");
                    console.MarkupLine("Run the command again with --charset utf-8 or --charset gb18030.");
                    return FileRefused;
                }
                charset = detected.Charset!;
                if (charset == FileCharset.Gb18030)
                    console.MarkupLine("The file is not UTF-8 but reads as GB18030 (GBK, as Excel on Chinese Windows saves 'CSV (逗号分隔)'): sent as such.");
            }
            var job = await console.Status().StartAsync("Uploading; the platform checks every row before it answers ...", async _ =>
            {
                await using var file = File.OpenRead(options.File);
                return await client.SubmitBulkJobAsync(court,
                    new FileParameter(file, Path.GetFileName(options.File), $"{options.ContentType}; charset={charset}"), cancellationToken);
            });
            console.MarkupLineInterpolated($"Job [bold]{job.Id}[/]: {job.RowsRead:N0} rows stored, {job.Refused:N0} refused on intake");
            var done = await FollowAsync(client, court, job, cancellationToken);
            await SaveReportAsync(client, court, done.Id, options.ReportPath, cancellationToken);
            return Summarise(done, options.ReportPath);
        }
        catch (ApiException<ProblemDetails> problem)
        {
            console.MarkupLineInterpolated($"[red]The platform refused the file ({problem.StatusCode}):[/] {problem.Result.Detail ?? problem.Result.Title}");
            return FileRefused;
        }
        catch (ApiException<HttpValidationProblemDetails> problem)
        {
            foreach (var (field, rules) in problem.Result.Errors)
                console.MarkupLineInterpolated($"[red]{field}:[/] {string.Join("; ", rules)}");
            return FileRefused;
        }
        catch (Exception error) when (error is HttpRequestException or ApiException or TaskCanceledException)
        {
            console.MarkupLineInterpolated($"[red]The platform at {options.Platform} could not be used:[/] {error.Message}");
            return Unreachable;
        }
    }

    private async Task<BulkJobProgress> FollowAsync(CreditClient client, string court, BulkJobProgress job, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var current = job;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Describe(current, 0), maxValue: Math.Max(1, current.RowsRead));
                while (true)
                {
                    var decided = current.RowsRead - current.Pending;
                    var rate = clock.Elapsed.TotalSeconds > 0 ? (decided - job.Refused) / clock.Elapsed.TotalSeconds : 0;
                    task.Value = decided;
                    task.Description = Describe(current, rate);
                    if (current.State == "Completed")
                        break;
                    await Task.Delay(pollInterval, cancellationToken);
                    current = await client.GetBulkJobAsync(court, current.Id, cancellationToken);
                }
            });
        return current;
    }

    private static string Describe(BulkJobProgress job, double rate) =>
        $"{job.RowsRead - job.Pending:N0}/{job.RowsRead:N0} rows  [green]{rate:N0} rows/s[/]  " +
        $"{(job.Refused + job.Failed > 0 ? "[red]" : "")}{job.Refused:N0} refused{(job.Failed > 0 ? $", {job.Failed:N0} failed" : "")}{(job.Refused + job.Failed > 0 ? "[/]" : "")}";

    private static async Task SaveReportAsync(CreditClient client, string court, Guid job, string path, CancellationToken cancellationToken)
    {
        using var report = await client.GetBulkJobReportAsync(court, job, problemsOnly: null, cancellationToken);
        await using var file = File.Create(path);
        await report.Stream.CopyToAsync(file, cancellationToken);
    }

    private int Summarise(BulkJobProgress job, string reportPath)
    {
        var earlier = job.AlreadyApplied == 0 ? "" : $" ({job.AlreadyApplied:N0} of them made by an earlier submission)";
        console.MarkupLineInterpolated(
            $"{job.Accepted:N0} accepted{earlier}, {job.Refused:N0} refused, {job.Failed:N0} failed, in {(job.FinishedAt - job.SubmittedAt)?.TotalSeconds:N1} s");
        if (job.Refused + job.Failed == 0)
        {
            console.MarkupLineInterpolated($"Report (each row's listing, restriction or ban id): {reportPath}");
            return Applied;
        }
        console.MarkupLineInterpolated($"[red]{job.Refused + job.Failed:N0} rows were not applied.[/] Each one's line, field and rule: [bold]{reportPath}[/]");
        return RowsRefused;
    }
}
