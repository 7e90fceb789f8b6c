using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Interfaces.Objections;

/// <summary>One objection to a listing (list rules Arts. 11–12), keyed by its receipt number.</summary>
[Alias("credit.IObjectionGrain")]
public interface IObjectionGrain : IGrainWithStringKey
{
    [Alias("File")] Task<ObjectionResult> File(FileObjection command);
    [Alias("Decide")] Task<ObjectionResult> Decide(DecideObjection command, ObjectionActor actor);
    [Alias("RequestReconsideration")] Task<ObjectionResult> RequestReconsideration(RequestReconsideration command);
    [Alias("DecideReconsideration")] Task<ObjectionResult> DecideReconsideration(DecideObjection command, ObjectionActor actor);
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
