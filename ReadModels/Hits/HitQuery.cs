using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Hits;

/// <summary>A court's question about its hits: a period of instants (start included, end excluded), an agency,
/// and a page.</summary>
public sealed record HitQuery(CourtCode Court, DateTimeOffset? Start, DateTimeOffset? End, string? Agency, int Limit, HitCursor? After);
