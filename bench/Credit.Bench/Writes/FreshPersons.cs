using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.Bench.Writes;

/// <summary>Adults no earlier call handed out, with names: valid resident IDs (GB 11643, real county codes, at least 19 on every
/// publication date, Art. 4), shared by all clients of a run. A fresh database has none of them, so every write is a new subject.</summary>
public sealed class FreshPersons(DateOnly today, int seed)
{
    private readonly Random random = new(seed);
    private readonly Lock gate = new();
    private SyntheticIdentities? identities;

    public (string ResidentId, string Name) Next()
    {
        lock (gate)
        {
            identities ??= new SyntheticIdentities(random, today);
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            return (identities.ResidentId(sex).Value, ChineseNames.Person(random, sex));
        }
    }
}
