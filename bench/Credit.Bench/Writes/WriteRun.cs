namespace Credit.Bench.Writes;

/// <summary>Everything measured over one run's window: the writes, processor time of the platform, PostgreSQL and the bench itself,
/// PostgreSQL's counters and wait events, its costliest statements (empty without pg_stat_statements), and the readers' lag.</summary>
public sealed record WriteRun(
    int Clients,
    string LoadBefore,
    string LoadAfter,
    WorkloadResult Workload,
    TimeSpan PlatformCpu,
    TimeSpan DatabaseCpu,
    TimeSpan BenchCpu,
    DatabaseCounters Counters,
    WaitEvents Waits,
    IReadOnlyList<StatementCost> Statements,
    ReaderLagResult Lag)
{
    public int Writes => Workload.Measured.Count;

    public double PerSecond => Writes / Workload.Window.TotalSeconds;

    public int Failed => Workload.Measured.Count(w => !w.Succeeded);

    public double PerWrite(TimeSpan cpu) => Writes == 0 ? 0 : cpu.TotalMilliseconds / Writes;

    public double PerWrite(double amount) => Writes == 0 ? 0 : amount / Writes;

    /// <summary>Average number of backends in states whose key starts so (e.g. "active Lock:").</summary>
    public double Backends(string stateStart) => Waits.Samples == 0
        ? 0
        : (double)Waits.States.Where(s => s.Key.StartsWith(stateStart, StringComparison.Ordinal)).Sum(s => s.Value) / Waits.Samples;
}
