using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>One objection to a listing (list rules Arts. 11–12), keyed by its receipt number.</summary>
[Alias("credit.IObjectionGrain")]
public interface IObjectionGrain : IGrainWithStringKey
{
    /// <summary>Files the objection; a retry with the same idempotency key and fingerprint answers the objection filed.</summary>
    [Alias("File")] Task<ObjectionResult> File(FileObjection command, string idempotencyKey, string fingerprint);
    /// <summary>Art. 11: the enforcing court's review; a retry under the same key answers the objection as it is.</summary>
    [Alias("Decide")] Task<ObjectionResult> Decide(DecideObjection command, CommandContext context);
    /// <summary>Art. 12: the applicant asks the next-higher court; a retry with the same idempotency key and fingerprint answers the
    /// objection as it is.</summary>
    [Alias("RequestReconsideration")] Task<ObjectionResult> RequestReconsideration(RequestReconsideration command, string idempotencyKey, string fingerprint);
    /// <summary>Art. 12: the next-higher court's decision; a retry under the same key answers the objection as it is.</summary>
    [Alias("DecideReconsideration")] Task<ObjectionResult> DecideReconsideration(DecideObjection command, CommandContext context);
    /// <summary>Revokes the listing as the upheld objection or the higher court's order says (Art. 9), through the subject.</summary>
    [Alias("Revoke")] Task<ObjectionResult> Revoke(string explanation, CommandContext context);
    /// <summary>Corrects the listing as the upheld objection or the higher court's order says (Art. 9), through the subject.</summary>
    [Alias("Correct")] Task<ObjectionResult> Correct(CorrectListing command, CommandContext context);
    [Alias("Get")] Task<ObjectionView?> Get();
}

[GenerateSerializer, Immutable, Alias("credit.ObjectionResult")]
public sealed record ObjectionResult([property: Id(0)] Refusal? Refusal, [property: Id(1)] ObjectionView? Objection)
{
    public static ObjectionResult Refused(Refusal refusal) => new(refusal, null);
}
