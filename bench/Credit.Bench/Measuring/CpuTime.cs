using System.Diagnostics;
using System.Globalization;

namespace Credit.Bench.Measuring;

/// <summary>Processor time used by this process and by the PostgreSQL server (the postmaster and its
/// backends, from /proc on Linux). Unlike latency it hardly changes when other work shares the machine,
/// so it compares runs made under different load; 2 cores give at most 2,000 ms of it per second.</summary>
public sealed class CpuTime(string postgresDataDirectory)
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every Linux build that matters.
    private const double MillisecondsPerTick = 10;

    /// <summary>Processor time so far of PostgreSQL and of this process.</summary>
    public (TimeSpan Database, TimeSpan Application) Now() => (Server(), Process.GetCurrentProcess().TotalProcessorTime);

    private TimeSpan Server()
    {
        var pidFile = Path.Combine(postgresDataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsLinux() || !File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
            return TimeSpan.Zero;
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            try
            {
                // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                // A backend that ended (a pooled connection closed) took its time with it, except into the postmaster's
                // count of its waited-for children; without it the sum could even shrink between two readings.
                if (pid == postmaster)
                    ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return TimeSpan.FromMilliseconds(ticks * MillisecondsPerTick);
    }
}
