using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Credit.Bench.Agencies.Platform;

namespace Credit.Bench.Agencies.Load;

/// <summary>One wrk run: throughput, latency percentiles (wrk's own, from <c>--latency</c>), and what the server used.</summary>
/// <param name="ServerCpu">Processor microseconds the server process used per request.</param>
/// <param name="Counted">With a script that checks each status: the responses it saw and how many had another status.</param>
public sealed record WrkResult(string Label, long Requests, double RequestsPerSecond, double P50, double P99, double Max,
    long Non2xx, long SocketErrors, double ServerCpu, (long Responses, long Unexpected)? Counted = null);

/// <summary>Drives an endpoint with wrk (Debian's package, installed on first use like <c>./credit</c> installs
/// PostgreSQL), through a Lua script that rotates over a list of IDs and sends an API key.</summary>
public sealed partial class Wrk(int threads, int connections, string workFolder)
{
    public const string Executable = "/usr/bin/wrk";

    public string Settings => $"wrk -t{threads} -c{connections}";

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Executable))
            return;
        Console.WriteLine("  installing wrk (Debian package 'wrk') ...");
        var root = Environment.UserName == "root";
        var file = root ? "apt-get" : "sudo";
        string[] prefix = root ? [] : ["apt-get"];
        await RunAsync(file, [.. prefix, "update", "-qq"], cancellationToken);
        await RunAsync(file, [.. prefix, "install", "-y", "-qq", "--no-install-recommends", "wrk"], cancellationToken);
        if (!File.Exists(Executable))
            throw new InvalidOperationException("installing wrk failed; apt-get install wrk by hand");
    }

    /// <summary>Writes the IDs and a script that requests <paramref name="pathPrefix"/> followed by each ID in turn;
    /// each thread starts at its own place in the list. With <paramref name="pauseMilliseconds"/>, each connection waits
    /// that long after an answer before its next request (wrk's <c>delay()</c>), which paces the load. <paramref name="headers"/>
    /// are sent with every request. With <paramref name="expectStatus"/>, the script looks at every response and wrk's summary
    /// says how many it saw and how many had another status (wrk itself only counts those of 400 and more): a check run, since
    /// handing each response to Lua costs wrk time.</summary>
    public string Script(string name, IReadOnlyList<string> ids, string pathPrefix, string apiKey, int pauseMilliseconds = 0,
        IReadOnlyDictionary<string, string>? headers = null, int? expectStatus = null)
    {
        Directory.CreateDirectory(workFolder);
        var idFile = Path.Combine(workFolder, $"{name}.ids");
        File.WriteAllLines(idFile, ids);
        var script = Path.Combine(workFolder, $"{name}.lua");
        File.WriteAllText(script, $$"""
            -- Written by Credit.Bench: rotates over {{ids.Count}} IDs, sending the caller's API key.
            local ids = {}
            for line in io.lines("{{idFile}}") do ids[#ids + 1] = line end
            local threads = 0
            local at = 0

            local all = {}

            function setup(thread)
              thread:set("offset", threads * 7919)
              threads = threads + 1
              all[threads] = thread
            end

            function init(args)
              at = (offset or 0) % #ids
            end

            function request()
              at = at % #ids + 1
              return wrk.format("GET", "{{pathPrefix}}" .. ids[at])
            end

            wrk.headers["X-Api-Key"] = "{{apiKey}}"
            {{string.Concat((headers ?? new Dictionary<string, string>()).Select(h => $"wrk.headers[\"{h.Key}\"] = [==[{h.Value}]==]\n"))}}
            {{(pauseMilliseconds > 0 ? $"function delay() return {pauseMilliseconds} end" : "")}}
            {{(expectStatus is { } status ? StatusCheck(status) : "")}}
            """);
        return script;
    }

    // Globals, not locals: done() runs in wrk's main Lua state and reads each thread's with thread:get.
    private static string StatusCheck(int status) => $$"""
        responses = 0
        unexpected = 0

        function response(status, headers, body)
          responses = responses + 1
          if status ~= {{status}} then unexpected = unexpected + 1 end
        end

        function done(summary, latency, requests)
          local seen, other = 0, 0
          for _, thread in ipairs(all) do
            seen = seen + thread:get("responses")
            other = other + thread:get("unexpected")
          end
          io.write(string.format("Counted responses: %d, other than {{status}}: %d\n", seen, other))
        end
        """;

    public async Task<WrkResult> RunAsync(string label, Uri server, string script, TimeSpan duration, ChildProcess serverProcess, CancellationToken cancellationToken)
    {
        var cpuBefore = serverProcess.ProcessorTime();
        var output = await RunAsync(Executable, Arguments(server, script, duration), cancellationToken);
        var cpu = serverProcess.ProcessorTime() - cpuBefore;
        return Parse(label, output, cpu);
    }

    /// <summary>Starts wrk without waiting for it (load while something else is measured); stop it with <see cref="StopAsync"/>.</summary>
    public Process Start(Uri server, string script, TimeSpan longest)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Arguments(server, script, longest))
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
    }

    /// <summary>Interrupts a wrk started by <see cref="Start"/> (it prints its summary on SIGINT) and reads the summary.</summary>
    public static async Task<WrkResult> StopAsync(string label, Process wrk, TimeSpan serverCpu)
    {
        var output = wrk.StandardOutput.ReadToEndAsync();
        if (!wrk.HasExited)
        {
            using var interrupt = Process.Start("kill", ["-INT", wrk.Id.ToString(CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
        }
        await wrk.WaitForExitAsync();
        return Parse(label, await output, serverCpu);
    }

    private IEnumerable<string> Arguments(Uri server, string script, TimeSpan duration) =>
    [
        $"-t{threads}", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "--timeout", "5s",
        "-s", script, server.ToString().TrimEnd('/'),
    ];

    private static WrkResult Parse(string label, string output, TimeSpan serverCpu)
    {
        double Percentile(string p) => LatencyLine().Matches(output).FirstOrDefault(m => m.Groups["p"].Value == p) is { } m
            ? Milliseconds(m.Groups["value"].Value, m.Groups["unit"].Value)
            : throw new FormatException($"wrk printed no {p}% latency:{Environment.NewLine}{output}");
        var stats = ThreadStatsLine().Match(output);
        var requests = RequestsLine().Match(output);
        var rate = RateLine().Match(output);
        if (!stats.Success || !requests.Success || !rate.Success)
            throw new FormatException($"cannot read wrk's output:{Environment.NewLine}{output}");
        var count = long.Parse(requests.Groups["count"].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xxLine().Match(output) is { Success: true } n ? long.Parse(n.Groups["count"].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrorsLine().Match(output) is { Success: true } s
            ? s.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        var counted = CountedLine().Match(output) is { Success: true } c
            ? (long.Parse(c.Groups["seen"].Value, CultureInfo.InvariantCulture), long.Parse(c.Groups["other"].Value, CultureInfo.InvariantCulture))
            : ((long, long)?)null;
        return new WrkResult(label, count, double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture), Percentile("50"), Percentile("99"),
            Milliseconds(stats.Groups["max"].Value, stats.Groups["maxunit"].Value), non2xx, socketErrors,
            count == 0 ? 0 : serverCpu.TotalMicroseconds / count, counted);
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
    };

    private static async Task<string> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}{await output}");
    }

    // "     99%    4.56ms"
    [GeneratedRegex(@"^\s+(?<p>50|75|90|99)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m|h)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    // "    Latency     1.23ms    2.00ms  50.00ms   90.00%"
    [GeneratedRegex(@"^\s+Latency\s+\S+\s+\S+\s+(?<max>[\d.]+)(?<maxunit>us|ms|s|m|h)\s", RegexOptions.Multiline)]
    private static partial Regex ThreadStatsLine();

    // "  300000 requests in 15.00s, 50.00MB read"
    [GeneratedRegex(@"^\s+(?<count>\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+(?<rate>[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (?<count>\d+)")]
    private static partial Regex Non2xxLine();

    // What the status check's done() prints.
    [GeneratedRegex(@"^Counted responses: (?<seen>\d+), other than \d+: (?<other>\d+)", RegexOptions.Multiline)]
    private static partial Regex CountedLine();

    // "  Socket errors: connect 0, read 0, write 0, timeout 12"
    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
