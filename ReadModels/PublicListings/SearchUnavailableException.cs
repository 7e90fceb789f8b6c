namespace Credit.ReadModels.PublicListings;

/// <summary>The search engine could not answer: unreachable, failing, or answering something the engine
/// cannot read. The public is told to try again later (503), never shown an error of ours (500). The
/// message is logged, so it never holds the full ID number that was searched for.</summary>
public sealed class SearchUnavailableException(string message) : Exception(message);
