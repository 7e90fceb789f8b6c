using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Credit.Api.Hosting;

namespace Credit.Tests.Hosting;

/// <summary>The platform as its own operating-system process (the built Api.dll), so a test can kill it with
/// SIGKILL or read what it logs. It runs from an empty working directory, as <c>./credit start</c> runs from
/// the repository root: whatever it needs next to its assemblies, it must find there.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo workingDirectory;
    private readonly ConcurrentQueue<string> output = new();

    private PlatformProcess(Process process, DirectoryInfo workingDirectory, Uri address)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every line the process wrote to standard output and standard error so far.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <param name="siloPort">The silo's port; 0 picks a free one.</param>
    /// <param name="gatewayPort">The gateway's port; 0 picks a free one.</param>
    /// <param name="shippedLogLevels">Log at the levels the platform ships with (Api/appsettings.json) rather
    /// than warnings only.</param>
    /// <param name="settings">More command-line settings, as <c>--Section:Key value</c> pairs.</param>
    public static async Task<PlatformProcess> StartAsync(string connectionString, int siloPort = 0, int gatewayPort = 0, bool shippedLogLevels = false,
        params string[] settings)
    {
        var port = FreePort.Pick();
        var workingDirectory = Directory.CreateTempSubdirectory("credit-platform-");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory.FullName,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Api.dll"),
                     "--urls", $"http://127.0.0.1:{port}",
                     "--Credit:Storage:ConnectionString", connectionString,
                     "--Credit:Storage:SeedDemoKeys", "true",
                     "--Credit:Partners:Webhooks:SecretKeys:Keys:test", global::Credit.Tests.Infrastructure.RunningPlatform.TestWebhookSecretKey,
                     "--Credit:Partners:Webhooks:SecretKeys:Current", "test",
                     "--Credit:Cluster:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
                     "--Credit:Cluster:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture),
                 })
            info.ArgumentList.Add(argument);
        foreach (var setting in settings)
            info.ArgumentList.Add(setting);
        if (!shippedLogLevels)
        {
            info.ArgumentList.Add("--Logging:LogLevel:Default");
            info.ArgumentList.Add("Warning");
        }
        var process = Process.Start(info)!;
        var platform = new PlatformProcess(process, workingDirectory, new Uri($"http://127.0.0.1:{port}"));
        // Read the output as it comes, so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, line) => platform.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => platform.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = platform.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return platform;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        var exited = process.HasExited ? $"exited with {process.ExitCode}" : "still running";
        await platform.DisposeAsync();
        // Its last lines say why: a start that failed, or a start still under way on a busy machine.
        throw new InvalidOperationException(
            $"The platform process did not become ready within 90 seconds ({exited}). Its last output:{Environment.NewLine}" +
            string.Join(Environment.NewLine, platform.Output.TakeLast(30)));
    }

    /// <summary>SIGTERM, as a service manager stops it: the platform shuts down in order and writes out
    /// everything it logged.</summary>
    public async Task StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        // Returns once the redirected output has been read to its end.
        process.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or <c>kill -9</c>.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
        workingDirectory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is not null)
            output.Enqueue(line);
    }
}
