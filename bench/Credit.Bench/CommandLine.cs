using System.Diagnostics.CodeAnalysis;

namespace Credit.Bench;

/// <summary>What both modes of the bench do with their command line.</summary>
public static class CommandLine
{
    /// <summary>The options, or false after printing what is wrong and the usage.</summary>
    public static bool TryParse<T>(Func<T> parse, string usage, [MaybeNullWhen(false)] out T options)
    {
        try
        {
            options = parse();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(usage);
            options = default;
            return false;
        }
    }

    /// <summary>Cancelled by Ctrl+C, so the bench stops what it started (PostgreSQL, the platform, wrk) before it exits.</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        return stopping;
    }
}
