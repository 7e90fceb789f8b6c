namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>A person's sex as the identity document records it (for a resident ID, its 17th digit: odd male, even female).</summary>
public enum Sex
{
    Male,
    Female,
}
