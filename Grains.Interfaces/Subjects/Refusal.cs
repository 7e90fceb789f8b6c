namespace Credit.Grains.Interfaces.Subjects;

/// <summary>Why a change was not made. A refused change leaves the subject exactly as it was.</summary>
/// <param name="Kind">What kind of refusal, which decides the HTTP status.</param>
/// <param name="Field">The request field at fault, in the API's camelCase path (e.g. <c>grounds</c>).</param>
/// <param name="Rule">The rule broken, with its article where the law sets it.</param>
[GenerateSerializer, Immutable, Alias("credit.Refusal")]
public sealed record Refusal(
    [property: Id(0)] RefusalKind Kind,
    [property: Id(1)] string Field,
    [property: Id(2)] string Rule);

public enum RefusalKind
{
    /// <summary>The request breaks a rule; fix it and send again.</summary>
    Invalid,
    /// <summary>The court may not change another court's case.</summary>
    Forbidden,
    /// <summary>The listing, restriction or ban does not exist on this subject.</summary>
    NotFound,
    /// <summary>The request clashes with the current state (already removed, duplicate case, key reuse).</summary>
    Conflict,
}
