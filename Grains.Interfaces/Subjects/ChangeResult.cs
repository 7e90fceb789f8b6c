namespace Credit.Grains.Interfaces.Subjects;

/// <summary>The answer to a change: either a refusal, or the subject after the change with the id of
/// the listing, restriction or ban it touched.</summary>
/// <param name="PublicationPending">The change is stored but could not yet be published to every reader (change log, public
/// list, agencies). The platform keeps retrying, and the same request with the same idempotency key completes it.</param>
[GenerateSerializer, Immutable, Alias("credit.ChangeResult")]
public sealed record ChangeResult(
    [property: Id(0)] Refusal? Refusal,
    [property: Id(1)] SubjectSnapshot? Subject,
    [property: Id(2)] Guid ItemId,
    [property: Id(3)] bool Replayed,
    [property: Id(4)] bool PublicationPending = false)
{
    public static ChangeResult Refused(Refusal refusal) => new(refusal, null, Guid.Empty, false);
}
