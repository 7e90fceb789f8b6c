using Microsoft.Extensions.Logging;

namespace Credit.Grains.Subjects;

public sealed partial class SubjectGrain
{
    /// <summary>The version the change log and read model hold; -1 until asked after activation.</summary>
    private long publishedVersion = -1;

    /// <summary>Projects the stored changes that readers have not seen. The state is stored first, so a
    /// crash in between leaves the changes in the stored history: they are projected on the next
    /// activation, by the retry reminder, or by the reconciliation command.</summary>
    private async Task PublishAsync(bool throwOnFailure)
    {
        if (state.State.Profile is null)
            return;
        try
        {
            if (publishedVersion < 0)
                publishedVersion = await projection.ProjectedVersionAsync(Id);
            if (publishedVersion >= state.State.Version)
                return;
            await projection.ProjectAsync(state.State.ToSnapshot()!, state.State.History);
            publishedVersion = state.State.Version;
        }
        catch (Exception error) when (!throwOnFailure)
        {
            logger.LogWarning(error, "Publishing {Subject} failed; it will be retried", Id);
            publishedVersion = -1;
        }
        catch
        {
            publishedVersion = -1;
            try
            {
                await KeepRetryingWhilePendingAsync();
            }
            catch (Exception retry)
            {
                // Most likely the same outage; the publication's failure is the one to report.
                logger.LogDebug(retry, "Registering the retry of {Subject} failed too", Id);
            }
            throw;
        }
    }

    /// <summary>For the reconciliation command: publish whatever is missing and say how far it got.</summary>
    public async Task<long> Reconcile()
    {
        publishedVersion = -1;
        await PublishAsync(throwOnFailure: true);
        return publishedVersion;
    }
}
