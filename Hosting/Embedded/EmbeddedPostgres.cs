using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Credit.Hosting.Embedded;

/// <summary>A private PostgreSQL server in a folder of ours, run from the machine's own binaries: the
/// embedded default and the test runs use it. Hand-written because the packaged alternatives download
/// PostgreSQL builds at run time, which this platform's machines cannot do.</summary>
public sealed class EmbeddedPostgres(string dataRoot, ILogger logger, int maxConnections = 200) : IAsyncDisposable
{
    private const string Superuser = "credit";
    private string DataDirectory => Path.Combine(dataRoot, "pgdata");
    private string PasswordFile => Path.Combine(dataRoot, "password");
    private string LogFile => Path.Combine(dataRoot, "postgres.log");
    private string OwnerFile => Path.Combine(dataRoot, "owner.pid");

    private string? binDirectory;
    private bool startedByUs;

    public int Port { get; private set; }
    public string Password { get; private set; } = "";

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the folder on first use, then starts the server (or adopts the one a killed
    /// process left running there), and creates <paramref name="database"/> if it is missing.</summary>
    public async Task<string> StartAsync(string database, CancellationToken cancellationToken = default)
    {
        binDirectory = FindBinaries();
        Directory.CreateDirectory(dataRoot);
        GrantToServerUser(dataRoot);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitialiseAsync(cancellationToken);
        Password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();

        if (RunningPort() is { } port)
        {
            Port = port;
            // The server a killed platform left running is ours to stop when we stop, as if we had started it; one that
            // another live platform on the same folder started stays that platform's.
            if (LiveOwner() is { } owner)
                logger.LogInformation("Sharing PostgreSQL in {Folder} on port {Port}, which process {Owner} started and will stop", DataDirectory, Port, owner);
            else
            {
                TakeOwnership();
                logger.LogInformation("Adopting PostgreSQL already running in {Folder} on port {Port}; the process that started it is gone, so this one stops it", DataDirectory, Port);
            }
        }
        else
        {
            Port = FreeLoopbackPort();
            await StartServerAsync(cancellationToken);
            TakeOwnership();
            logger.LogInformation("Started PostgreSQL in {Folder} on port {Port}", DataDirectory, Port);
        }
        await CreateDatabaseAsync(database, cancellationToken);
        return ConnectionString(database);
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "")}\" ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Whether the server process in our folder runs (false once it has died, even before anyone noticed).</summary>
    public bool ServerRunning => RunningPort() is not null;

    /// <summary>Starts the server again after it died, on the port it had, so that every connection string the
    /// platform handed out stays valid. Crash recovery replays its write-ahead log: whatever it committed is kept.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (binDirectory is null)
            throw new InvalidOperationException("The embedded PostgreSQL was never started.");
        await StartServerAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        if (binDirectory is null || RunningPort() is null)
            return;
        await RunAsync("pg_ctl", ["stop", "-w", "-m", "fast", "-D", DataDirectory], CancellationToken.None);
        if (startedByUs)
            File.Delete(OwnerFile);
        startedByUs = false;
    }

    private void TakeOwnership()
    {
        File.WriteAllText(OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        startedByUs = true;
    }

    /// <summary>The process id of another process that started the running server and still lives, if any. A process id
    /// reused by an unrelated process after the owner died reads as a live owner: the server is then left running, the
    /// behaviour before owners were recorded.</summary>
    private int? LiveOwner()
    {
        if (!File.Exists(OwnerFile) || !int.TryParse(File.ReadAllText(OwnerFile).Trim(), CultureInfo.InvariantCulture, out var owner)
            || owner == Environment.ProcessId)
            return null;
        try
        {
            using var process = Process.GetProcessById(owner);
            return process.HasExited ? null : owner;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (startedByUs)
            await StopAsync();
    }

    private async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        GrantToServerUser(PasswordFile);
        await RunAsync("initdb", ["-D", DataDirectory, "-U", Superuser, "--pwfile", PasswordFile, "--auth=scram-sha-256",
            "--encoding=UTF8", "--locale=C.UTF-8"], cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        RemoveLocksOfDeadServer();
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {DataDirectory} -c max_connections={maxConnections} -c shared_buffers=256MB";
        // After a crash, PostgreSQL first flushes every file of the folder to disk one by one: seconds on a busy
        // machine, during which the platform answers 503. One syncfs call of the file system does the same (Linux,
        // PostgreSQL 14 and later).
        if (OperatingSystem.IsLinux() && ServerMajorVersion() >= 14)
            options += " -c recovery_init_sync_method=syncfs";
        // A bulk job writes about 9 kB of write-ahead log a row. At the default 1 GB a checkpoint came every half gigabyte,
        // and after each one every page touched again went to the log whole; checkpoints further apart, and whole pages
        // compressed, leave the log flushes less to wait for.
        options += " -c max_wal_size=4GB -c checkpoint_timeout=15min";
        // No JIT: every statement of the platform is short, and before a table has statistics (a fresh platform's first
        // bulk job) PostgreSQL costed some of them high enough to compile them with LLVM on every execution, doubling its
        // processor time for the job.
        options += " -c jit=off";
        if (ServerMajorVersion() >= 15)
            options += " -c wal_compression=lz4";
        await RunAsync("pg_ctl", ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", options], cancellationToken);
    }

    private int ServerMajorVersion() =>
        int.TryParse(File.ReadAllText(Path.Combine(DataDirectory, "PG_VERSION")).Trim(), out var version) ? version : 0;

    /// <summary>The port of a server already running in our folder (postmaster.pid line 4), if its process lives.</summary>
    private int? RunningPort() => PostmasterPidFile.Read(DataDirectory) is { } pidFile && pidFile.ServerAlive() ? pidFile.Port : null;

    /// <summary>A killed server leaves its lock files behind, and if its parent never reaps it (a container whose first
    /// process is no init) its zombie keeps the recorded process id "alive" for PostgreSQL, which then refuses to start
    /// ("lock file already exists") for as long as the container lives. The server is dead when we remove them, and
    /// PostgreSQL still refuses to start while any of its old backends holds the shared memory, so two servers never
    /// share the folder.</summary>
    private void RemoveLocksOfDeadServer()
    {
        if (PostmasterPidFile.Read(DataDirectory) is not { } pidFile || pidFile.ServerAlive())
            return;
        File.Delete(Path.Combine(DataDirectory, $".s.PGSQL.{pidFile.Port}.lock"));
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        logger.LogInformation("Removed the lock files of the dead PostgreSQL server (process {Pid}) in {Folder}", pidFile.ProcessId, DataDirectory);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("CREDIT_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Install them (apt-get install postgresql) or set CREDIT_PG_BIN.");
    }

    // PostgreSQL refuses to run as root; on a root shell (CI, containers) the server runs as the
    // 'postgres' user that Debian's package creates.
    private static bool IsRoot => Environment.UserName == "root";

    private static void GrantToServerUser(string path)
    {
        if (IsRoot)
            Run("chown", ["-R", "postgres:postgres", path]);
    }

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory!, tool);
        var info = IsRoot ? Start("runuser", ["-u", "postgres", "--", executable, .. arguments]) : Start(executable, arguments);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "";
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await errors}{await output}\n{log}");
        }
    }

    private static void Run(string file, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(Start(file, arguments))!;
        process.WaitForExit();
    }

    private static ProcessStartInfo Start(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }
}
