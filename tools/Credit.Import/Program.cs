using Credit.Import;
using Spectre.Console;

// ./credit import FILE: submits a court's bulk file to the platform and follows the job to its end. See README.md.
ImportOptions options;
try
{
    options = ImportOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(ImportOptions.Usage);
    return 2;
}
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var http = new HttpClient { BaseAddress = options.Platform, Timeout = TimeSpan.FromMinutes(10) };
http.DefaultRequestHeaders.Add("X-Api-Key", options.Key);
return await new Importer(AnsiConsole.Console, http, TimeSpan.FromMilliseconds(500)).RunAsync(options, stopping.Token);
