using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    /// <summary>The version the change log and read model hold; -1 until asked after activation.</summary>
    private long publishedVersion = -1;

    /// <summary>Projects the stored changes that readers have not seen; returns whether they now have all of them. The state
    /// is stored first, so a failure (or a crash) in between leaves the changes in the stored history: they are projected
    /// on the next attempt, the next activation, by the retry reminder or by the reconciliation command. Each failure is
    /// recorded where readiness and reconciliation see it.</summary>
    private async Task<bool> PublishAsync()
    {
        if (state.State.Profile is null)
            return true;
        try
        {
            if (publishedVersion < 0)
                publishedVersion = await projection.ProjectedVersionAsync(Id);
            if (publishedVersion >= state.State.Version)
                return true;
            await projection.ProjectAsync(state.State.ToSnapshot()!, state.State.History);
            publishedVersion = state.State.Version;
            return true;
        }
        catch (Exception error)
        {
            publishedVersion = -1;
            logger.LogWarning(error, "Publishing {Subject} version {Version} failed; it will be retried", Id, state.State.Version);
            await RecordPublicationFailureAsync(error);
            return false;
        }
    }

    private async Task RecordPublicationFailureAsync(Exception error)
    {
        try
        {
            await projection.RecordFailureAsync(Id, state.State.Version, $"{error.GetType().Name}: {error.Message}");
        }
        catch (Exception unrecorded)
        {
            // The database that failed the projection may be failing this too; reconciliation still finds the subject.
            logger.LogWarning(unrecorded, "Recording the failed publication of {Subject} failed too", Id);
        }
        try
        {
            await KeepRetryingWhilePendingAsync();
        }
        catch (Exception unscheduled)
        {
            logger.LogWarning(unscheduled, "Scheduling the retry of {Subject}'s publication failed; its next activation or reconciliation retries it", Id);
        }
    }

    /// <summary>For the reconciliation command: publish whatever is missing and say how far it got (-1: the attempt failed).</summary>
    public async Task<long> Reconcile()
    {
        publishedVersion = -1;
        await PublishAsync();
        return publishedVersion;
    }
}
