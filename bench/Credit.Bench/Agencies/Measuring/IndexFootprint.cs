using System.Data;
using System.Diagnostics;
using Credit.ReadModels.Interceptions;
using Npgsql;

namespace Credit.Bench.Agencies.Measuring;

/// <summary>The check index's own size: the managed heap that <see cref="InterceptionIndex"/> holds once every row is
/// loaded the way <c>InterceptionFollower</c> loads it, measured in the bench's process with full collections before and
/// after, so neither garbage nor the platform's other memory blurs it.</summary>
public sealed record IndexSize(int Subjects, long Bytes, TimeSpan Elapsed)
{
    public double BytesPerSubject => Subjects == 0 ? 0 : (double)Bytes / Subjects;
}

public static class IndexFootprint
{
    public static async Task<IndexSize> MeasureAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var before = Settled();
        var clock = Stopwatch.StartNew();
        var index = new InterceptionIndex();
        await using (var command = database.CreateCommand("SELECT subject_key, holds::text FROM intercepted_subjects"))
        await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                index.Set(reader.GetString(0), InterceptionJson.Read(reader.GetString(1)));
        }
        var elapsed = clock.Elapsed;
        var size = new IndexSize(index.Count, Settled() - before, elapsed);
        GC.KeepAlive(index);
        return size;
    }

    private static long Settled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
