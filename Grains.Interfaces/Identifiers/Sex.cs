namespace Credit.Grains.Interfaces.Identifiers;

public enum Sex
{
    Male,
    Female,
}
