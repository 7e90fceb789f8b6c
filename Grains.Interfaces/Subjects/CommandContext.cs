using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Subjects;

/// <summary>Who asks for a change and how to recognise a retry of it.</summary>
/// <param name="Court">The authenticated court; it may change only its own cases.</param>
/// <param name="Actor">The clerk or system that acts, recorded in the history.</param>
/// <param name="IdempotencyKey">The client's key for this change; a retry carries the same key.</param>
/// <param name="Fingerprint">A hash of the request, so a key reused for a different request is refused.</param>
[GenerateSerializer, Immutable, Alias("credit.CommandContext")]
public sealed record CommandContext(
    [property: Id(0)] CourtCode Court,
    [property: Id(1)] string Actor,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string Fingerprint);
