using System.Diagnostics;
using System.Globalization;
using Credit.Hosting.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Credit.Tests.Hosting;

/// <summary>Who stops the embedded server: the platform that started it, or the one that adopted it after that platform
/// was killed (Ctrl+C then stops the platform and its PostgreSQL, as README says), but never one that shares the folder
/// with a platform still running.</summary>
public sealed class EmbeddedPostgresOwnershipTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"credit-owner-{Guid.NewGuid():N}"[..30]);
    private EmbeddedPostgres? first;

    public async ValueTask InitializeAsync()
    {
        first = new EmbeddedPostgres(folder, NullLogger.Instance, maxConnections: 20);
        await first.StartAsync("postgres", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_server_whose_starter_was_killed_is_stopped_by_the_platform_that_adopted_it()
    {
        RecordOwner(ExitedProcessId());

        var adopter = new EmbeddedPostgres(folder, NullLogger.Instance, maxConnections: 20);
        await adopter.StartAsync("postgres", TestContext.Current.CancellationToken);
        await adopter.DisposeAsync();

        Assert.False(first!.ServerRunning);
    }

    [Fact]
    public async Task A_server_whose_starter_still_runs_is_left_to_it()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            RecordOwner(owner.Id);

            var sharer = new EmbeddedPostgres(folder, NullLogger.Instance, maxConnections: 20);
            await sharer.StartAsync("postgres", TestContext.Current.CancellationToken);
            await sharer.DisposeAsync();

            Assert.True(first!.ServerRunning);
        }
        finally
        {
            owner.Kill();
        }
    }

    private void RecordOwner(int processId) =>
        File.WriteAllText(Path.Combine(folder, "owner.pid"), processId.ToString(CultureInfo.InvariantCulture));

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (first is not null)
            await first.StopAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A server that would not stop keeps its files; the folder is in /tmp.
        }
    }
}
