using Microsoft.Extensions.Logging;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Removals;
using Credit.ReadModels.Statistics;

namespace Credit.Hosting.Reconciliation;

/// <summary>What reconciliation found and repaired.</summary>
/// <param name="Subjects">Subjects whose stored state was compared.</param>
/// <param name="Differences">Subjects whose change log, public read model or interception read model disagreed with
/// their stored state, counting rows of the interception read model for a subject without one.</param>
/// <param name="Repaired">Of those, how many now agree.</param>
/// <param name="InterceptionDifferences">Of the differences, those in the interception read model.</param>
/// <param name="FailingPublications">Subjects whose publication still fails after the repairs, as their grains recorded it.</param>
/// <param name="RemovalDifferences">Rows of <c>listing_removals</c> missing, saying something else or denied by the stored state
/// (removals made before the table existed among them); all of them are rewritten.</param>
/// <param name="MeasureDateDifferences">Rows of <c>measure_dates</c> missing, saying something else or denied by the stored state
/// (measures held before the table existed, where the migration could not read them, among them); all of them are rewritten.</param>
public sealed record ReconciliationReport(int Subjects, int Differences, int Repaired, int InterceptionDifferences,
    IReadOnlyList<PublicationFailure> FailingPublications, int RemovalDifferences = 0, int MeasureDateDifferences = 0);

/// <summary>Compares every subject's stored grain state with the change log, the public read model and the
/// agencies' interception read model (and the removals' and the measures' dates tables), and repairs what disagrees: the grain publishes what it has not, and the
/// projection rewrites an interception row that is wrong as a change the agencies' feeds deliver. After a crash
/// between a state write and its projection, or a lost or tampered row, this is what brings readers level; on a
/// healthy platform it finds 0 differences.</summary>
public sealed class PublicationReconciler(ReconciliationScan scan, IGrainFactory grains, ISubjectProjection projection, PublicationFailures failures,
    ListingRemovalsTable removals, MeasureDatesTable measureDates, ILogger<PublicationReconciler> logger)
{
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken)
    {
        var (subjects, differences, removalDifferences, measureDateDifferences) = await scan.RunAsync(cancellationToken);
        var repaired = 0;
        foreach (var difference in differences)
        {
            if (await RepairAsync(difference, cancellationToken))
                repaired++;
        }
        // After the publications: a lagging subject's projection records its removals as well, and this writes the same rows.
        await removals.RepairAsync(removalDifferences.Rows, removalDifferences.Denied, cancellationToken);
        await measureDates.RepairAsync(measureDateDifferences.Rows, measureDateDifferences.Denied, cancellationToken);
        return new ReconciliationReport(subjects, differences.Count, repaired, differences.Count(d => d.InterceptionDiffers),
            await failures.ListAsync(cancellationToken), removalDifferences.Count, measureDateDifferences.Count);
    }

    /// <summary>One subject's repair; a failure is logged and counted, and the next subject is repaired all the same.</summary>
    private async Task<bool> RepairAsync(SubjectDifference difference, CancellationToken cancellationToken)
    {
        try
        {
            // Publishing first: the projection of the missing changes may well mend the interception row too.
            if (difference.Lagging && !(SubjectId.TryParse(difference.Key, null, out _)
                && await grains.GetGrain<ISubjectGrain>(difference.Key).Reconcile() >= difference.StoredVersion))
            {
                logger.LogError("Subject {Subject} could not be brought level with its stored version {Version}", difference.Key, difference.StoredVersion);
                return false;
            }
            return !difference.InterceptionDiffers || await projection.RepairInterceptionAsync(difference.Key, difference.Stored, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Subject {Subject} could not be brought level with its stored version {Version}", difference.Key, difference.StoredVersion);
            return false;
        }
    }
}
