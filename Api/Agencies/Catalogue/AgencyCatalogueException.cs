namespace Credit.Api.Agencies.Catalogue;

/// <summary>The operator's catalogue file breaks a rule. The message names the file and, one per line,
/// each entry at fault and the rule it breaks.</summary>
public sealed class AgencyCatalogueException(string source, IReadOnlyList<string> problems)
    : Exception($"The agency catalogue {source} is invalid:\n- {string.Join("\n- ", problems)}")
{
    /// <summary>Each problem, as "entry: rule".</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
