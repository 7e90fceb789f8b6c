namespace Credit.ReadModels.Interceptions;

/// <summary>A subject's identity and holds as the interception read model stores them.</summary>
public sealed record InterceptionRow(string DocumentType, string IdNumber, string Name, string? Sex, DateOnly? BirthDate, IReadOnlyList<InterceptionHold> Holds)
{
    public bool IsEntity => DocumentType == nameof(Grains.Interfaces.Identifiers.DocumentType.CreditCode);
}
