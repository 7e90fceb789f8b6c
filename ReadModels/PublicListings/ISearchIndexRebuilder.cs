namespace Credit.ReadModels.PublicListings;

/// <summary>Re-creates the active search engine's index from the public read model, without downtime.</summary>
public interface ISearchIndexRebuilder
{
    /// <summary>Returns how many listings the new index holds.</summary>
    Task<long> RebuildAsync(CancellationToken cancellationToken);
}
