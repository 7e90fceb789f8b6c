using System.Diagnostics;

namespace Credit.Hosting.Embedded;

/// <summary>What <c>postmaster.pid</c> in a data directory says: the server's process and port (lines 1 and 4).</summary>
public sealed record PostmasterPidFile(int ProcessId, int Port)
{
    public static PostmasterPidFile? Read(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
        return lines.Length >= 4 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port)
            ? new PostmasterPidFile(pid, port)
            : null;
    }

    /// <summary>Whether the server process still runs. A killed server whose parent never reaps it (a container
    /// whose first process is not an init) stays behind as a zombie, which <see cref="Process"/> and PostgreSQL's
    /// own lock-file check both take for alive; /proc tells them apart, and the name guards against a reused id.</summary>
    public bool ServerAlive()
    {
        var stat = $"/proc/{ProcessId}/stat";
        if (!Directory.Exists("/proc/self"))
            return ProcessAlive(ProcessId);
        string text;
        try
        {
            text = File.ReadAllText(stat);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
        // "<pid> (<name>) <state> ...": the name may hold spaces and parentheses, the state follows the last ')'.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= text.Length)
            return false;
        var name = text[(open + 1)..close];
        var state = text[close + 2];
        return name.StartsWith("postgres", StringComparison.Ordinal) && state is not ('Z' or 'X' or 'x');
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
