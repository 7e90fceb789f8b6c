namespace Credit.Grains.Interfaces.Subjects;

/// <summary>The answer to a change: either a refusal, or the subject after the change with the id of
/// the listing, restriction or ban it touched.</summary>
[GenerateSerializer, Immutable, Alias("credit.ChangeResult")]
public sealed record ChangeResult(
    [property: Id(0)] Refusal? Refusal,
    [property: Id(1)] SubjectSnapshot? Subject,
    [property: Id(2)] Guid ItemId,
    [property: Id(3)] bool Replayed)
{
    public static ChangeResult Refused(Refusal refusal) => new(refusal, null, Guid.Empty, false);
}
