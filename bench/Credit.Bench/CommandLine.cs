using System.Diagnostics.CodeAnalysis;
using System.Globalization;

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

    /// <summary>The value after option <c>args[i - 1]</c>.</summary>
    public static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    /// <summary>A whole number of at least <paramref name="least"/>, written with or without thousands separators (1_000_000, 1,000,000).</summary>
    public static int Whole(IReadOnlyList<string> args, int i, int least)
    {
        var text = Value(args, i).Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least
            ? n
            : throw new ArgumentException($"{args[i - 1]} must be a whole number of at least {least}");
    }
}
