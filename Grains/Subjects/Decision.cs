using Credit.Grains.Interfaces.Subjects;

namespace Credit.Grains.Subjects;

/// <summary>What the domain decided: a refusal (nothing changed), or the id of the item it changed.</summary>
public readonly record struct Decision(Refusal? Refusal, Guid ItemId)
{
    public bool Accepted => Refusal is null;

    public static Decision Accept(Guid itemId) => new(null, itemId);

    public static implicit operator Decision(Refusal refusal) => new(refusal, Guid.Empty);
}
