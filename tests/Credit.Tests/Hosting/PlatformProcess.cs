using System.Diagnostics;
using Credit.Api.Hosting;

namespace Credit.Tests.Hosting;

/// <summary>The platform as its own operating-system process (the built Api.dll), so a test can kill it with SIGKILL.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process process;

    private PlatformProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PlatformProcess> StartAsync(string connectionString, int siloPort, int gatewayPort)
    {
        var port = FreePort.Pick();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "Api.dll"),
                     "--urls", $"http://127.0.0.1:{port}",
                     "--Credit:Storage:ConnectionString", connectionString,
                     "--Credit:Storage:SeedDemoKeys", "true",
                     "--Credit:Cluster:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--Credit:Cluster:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--Logging:LogLevel:Default", "Warning",
                 })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        // Drain the output so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var platform = new PlatformProcess(process, new Uri($"http://127.0.0.1:{port}"));
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
        await platform.DisposeAsync();
        throw new InvalidOperationException("The platform process did not become ready within 90 seconds.");
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
        return ValueTask.CompletedTask;
    }
}
