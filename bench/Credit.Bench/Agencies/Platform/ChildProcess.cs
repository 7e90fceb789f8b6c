using System.Diagnostics;
using System.Globalization;

namespace Credit.Bench.Agencies.Platform;

/// <summary>A .NET program the bench starts (<c>dotnet some.dll ...</c>), with its output lines time-stamped as they
/// arrive and its resident memory sampled every 50 ms from /proc. Stopped with SIGTERM (a graceful shutdown), then
/// killed if it has not exited within 30 seconds.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(50);

    private readonly Process process;
    private readonly List<(long At, string Line)> lines = [];
    private readonly List<(long At, long Bytes)> memory = [];
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;

    private ChildProcess(Process process)
    {
        this.process = process;
        sampler = Task.Run(SampleAsync);
    }

    public string Name { get; private init; } = "";

    public int Id => process.Id;

    public long StartedAt { get; private init; }

    public bool HasExited => process.HasExited;

    public static ChildProcess Start(string name, string assembly, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {assembly}");
        var child = new ChildProcess(process) { Name = name, StartedAt = startedAt };
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for an output line that <paramref name="match"/> accepts; returns it with the time it arrived.</summary>
    public async Task<(long At, string Line)> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var seen = 0;
        while (true)
        {
            lock (lines)
            {
                for (; seen < lines.Count; seen++)
                {
                    if (match(lines[seen].Line))
                        return lines[seen];
                }
            }
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode}:{Environment.NewLine}{Tail()}");
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{Name} did not log the expected line within {timeout.TotalSeconds:F0} s:{Environment.NewLine}{Tail()}");
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Resident memory (VmRSS) at the last sample taken at or before <paramref name="at"/>.</summary>
    public long MemoryAt(long at)
    {
        lock (memory)
            return memory.LastOrDefault(s => s.At <= at, memory.Count > 0 ? memory[0] : default).Bytes;
    }

    /// <summary>The most resident memory sampled between two instants.</summary>
    public long PeakMemory(long from, long to)
    {
        lock (memory)
            return memory.Where(s => s.At >= from && s.At <= to).Select(s => s.Bytes).DefaultIfEmpty(0).Max();
    }

    public long MemoryNow() => ReadResidentBytes() ?? 0;

    /// <summary>Processor time the process has used so far (user + system).</summary>
    public TimeSpan ProcessorTime()
    {
        process.Refresh();
        return process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
    }

    public string Tail(int count = 30)
    {
        lock (lines)
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - count)).Select(l => "    " + l.Line));
    }

    public async ValueTask DisposeAsync()
    {
        await sampling.CancelAsync();
        await sampler;
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        sampling.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        lock (lines)
            lines.Add((Stopwatch.GetTimestamp(), line));
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(SampleEvery);
        do
        {
            if (ReadResidentBytes() is { } bytes)
            {
                lock (memory)
                    memory.Add((Stopwatch.GetTimestamp(), bytes));
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(sampling.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private long? ReadResidentBytes()
    {
        try
        {
            // "VmRSS:    123456 kB"
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the process has ended
        }
    }
}
