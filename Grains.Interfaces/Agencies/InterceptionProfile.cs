using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Grains.Interfaces.Agencies;

/// <summary>What the agencies may need to know about one subject: who it is and every item that a
/// measure follows. Each agency sees only the holds its measures cover and the fields it may receive.</summary>
public sealed record InterceptionProfile(
    string SubjectKey,
    DocumentType DocumentType,
    string IdNumber,
    string Name,
    Sex? Sex,
    DateOnly? BirthDate,
    IReadOnlyList<InterceptionHold> Holds)
{
    public InterceptionTriggers Triggers => Holds.Aggregate(InterceptionTriggers.None, (all, hold) => all | hold.Trigger);
}
