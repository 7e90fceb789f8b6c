using System.Globalization;
using Credit.Bench.Seeding;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Subjects;
using Credit.ReadModels.Interceptions;

namespace Credit.Bench.Agencies.Seeding;

/// <summary>One row of <c>intercepted_subjects</c>, in its column order; <see cref="Holds"/> is the JSON the projection writes.</summary>
public sealed record SeedSubject(
    string SubjectKey, string DocumentType, string IdNumber, string Name, string? Sex, DateOnly? BirthDate,
    InterceptionTriggers Triggers, string Holds, long Position);

/// <summary>Intercepted subjects as the subject projection would have written them (<c>InterceptionProfile.Of</c>):
/// listings first, then restrictions, then exit bans, each hold with its court and case. The mix follows the
/// Guangzhou figures of DOMAIN.md section 3 (173,108 listed, 199,579 consumption-restricted, 873 exit bans):
/// <list type="bullet">
/// <item>72% listed persons: a listing and the restriction that comes with it (same case), 12% of them in two or three cases;</item>
/// <item>8% listed entities (credit codes), each followed by its legal representative (8%), restricted personally for the entity;</item>
/// <item>12% persons only consumption-restricted (missed the execution notice's deadline);</item>
/// <item>0.4% of persons also exit-banned (3 to 12 months, still running), about 3,500 at a million.</item>
/// </list>
/// Every subject is consumption-restricted, so railway's consumption measures cover them all.</summary>
public sealed class SyntheticSubjects(IReadOnlyList<SeedCourt> courts, DateOnly today, long firstPosition, int seed)
{
    private const double EntityShare = 0.08;
    private const double ConsumptionOnlyShare = 0.12;
    private const double ExitBanShare = 0.004;
    private const double FixedTermShare = 0.30;

    private static readonly Weighted<int> CasesPerListedPerson = new([(1, 88), (2, 10), (3, 2)]);
    private static readonly Weighted<int> ExitBanMonths = new([(3, 30), (6, 50), (12, 20)]);

    private readonly Random random = new(seed);
    private readonly Weighted<SeedCourt> courtChoice = new(courts.Select(c => (c, SyntheticListings.CourtWeights.GetValueOrDefault(c.Code, 5))));
    private readonly Dictionary<string, int> caseSequences = [];
    private SyntheticIdentities? identities;
    private long position = firstPosition - 1;

    private SyntheticIdentities Identities => identities ??= new SyntheticIdentities(random, today);

    private sealed record Case(string Court, string Number, DateOnly Published, DateOnly? Until, decimal Outstanding);

    public IEnumerable<SeedSubject> Generate(int count)
    {
        var end = position + count;
        while (position < end)
        {
            var draw = random.NextDouble();
            if (draw < EntityShare && end - position >= 2)
            {
                var (entity, representative) = ListedEntity();
                yield return entity;
                yield return representative;
            }
            else if (draw < EntityShare + ConsumptionOnlyShare)
            {
                yield return ConsumptionOnlyPerson();
            }
            else
            {
                yield return ListedPerson();
            }
        }
    }

    private SeedSubject ListedPerson()
    {
        var sex = random.NextDouble() < 0.75 ? Sex.Male : Sex.Female;
        var id = Identities.ResidentId(sex);
        var cases = Enumerable.Range(0, CasesPerListedPerson.Next(random)).Select(_ => ListingCase()).ToList();
        var holds = cases.Select(c => Listing(c, null))
            .Concat(cases.Select(c => Restriction(c, c.Outstanding, null)))
            .Concat(ExitBans(cases[0]))
            .ToList();
        return Person(id, ChineseNames.Person(random, sex), holds);
    }

    private (SeedSubject Entity, SeedSubject Representative) ListedEntity()
    {
        var code = Identities.CreditCode();
        var name = ChineseNames.Company(random);
        var sex = random.NextDouble() < 0.8 ? Sex.Male : Sex.Female;
        var representativeId = Identities.ResidentId(sex);
        var representativeName = ChineseNames.Person(random, sex);
        var listed = ListingCase();
        var entity = Row(SubjectId.For(code), name, null, null, [Listing(listed, representativeName), Restriction(listed, listed.Outstanding, null)]);
        // Consumption rules Art. 3 para. 2: the representative is restricted in the entity's case, with no amount of their own.
        var representative = Person(representativeId, representativeName, [Restriction(listed, null, name)]);
        return (entity, representative);
    }

    private SeedSubject ConsumptionOnlyPerson()
    {
        var sex = random.NextDouble() < 0.75 ? Sex.Male : Sex.Female;
        var id = Identities.ResidentId(sex);
        var restricted = RestrictionCase();
        return Person(id, ChineseNames.Person(random, sex), [Restriction(restricted, null, null), .. ExitBans(restricted)]);
    }

    private SeedSubject Person(ResidentId id, string name, List<InterceptionHold> holds) =>
        Row(SubjectId.For(id), name, id.Sex.ToString(), id.BirthDate, holds);

    private SeedSubject Row(SubjectId subject, string name, string? sex, DateOnly? birthDate, List<InterceptionHold> holds) => new(
        subject.Key, subject.Type.ToString(), subject.Number, name, sex, birthDate,
        holds.Aggregate(InterceptionTriggers.None, (all, hold) => all | hold.Trigger), InterceptionJson.Write(holds), ++position);

    private InterceptionHold Listing(Case listed, string? legalRepresentative) => new(
        InterceptionTriggers.DishonestListing, Identities.Guid(), listed.Court, listed.Number, listed.Published, listed.Until,
        listed.Outstanding, legalRepresentative, null);

    private InterceptionHold Restriction(Case restricted, decimal? outstanding, string? representedEntity) => new(
        InterceptionTriggers.ConsumptionRestriction, Identities.Guid(), restricted.Court, restricted.Number, restricted.Published, null,
        outstanding, null, representedEntity);

    /// <summary>Courts set 3 or 6 months, at most a year (DOMAIN.md 5.3); every seeded ban is still running today.</summary>
    private IEnumerable<InterceptionHold> ExitBans(Case banned)
    {
        if (random.NextDouble() >= ExitBanShare)
            yield break;
        var start = today.AddDays(-random.Next(0, 60));
        yield return new InterceptionHold(
            InterceptionTriggers.ExitBan, Identities.Guid(), banned.Court, banned.Number, start, start.AddMonths(ExitBanMonths.Next(random)), null, null, null);
    }

    /// <summary>Open-ended listings (ground 1) published over five years; fixed-term ones (grounds 2–6, Art. 2) only
    /// as long ago as their term, extensions included, so none has run out.</summary>
    private Case ListingCase()
    {
        var fixedTerm = random.NextDouble() < FixedTermShare;
        var extension = fixedTerm ? random.Next(0, 4) : 0;
        var years = fixedTerm ? Subject.FixedTermYears + extension : 5;
        var published = today.AddDays(-random.Next(0, years * 365));
        var owed = Amount();
        var outstanding = random.NextDouble() < 0.15 ? decimal.Round(owed * (decimal)(0.1 + random.NextDouble() * 0.8), 2) : owed;
        return CaseOn(published, fixedTerm ? published.AddYears(years) : null, outstanding);
    }

    private Case RestrictionCase() => CaseOn(today.AddDays(-random.Next(0, 3 * 365)), null, 0);

    private Case CaseOn(DateOnly published, DateOnly? until, decimal outstanding)
    {
        var court = courtChoice.Next(random).Code;
        var filed = published.AddDays(-random.Next(30, 541));
        return new Case(court, NextCaseNumber(filed.Year, court), published, until, outstanding);
    }

    /// <summary>Case numbers run per court and year; gaps stand for cases that led to no measure.</summary>
    private string NextCaseNumber(int year, string court)
    {
        var key = string.Concat(year.ToString(CultureInfo.InvariantCulture), court);
        var sequence = caseSequences[key] = caseSequences.GetValueOrDefault(key, random.Next(1, 200)) + random.Next(1, 4);
        return $"({year}){court}执{sequence}号";
    }

    /// <summary>Log-normal around 80,000 yuan, as in the search bench.</summary>
    private decimal Amount()
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return decimal.Round((decimal)Math.Clamp(Math.Exp(Math.Log(80_000) + 1.3 * normal), 1_000, 500_000_000), 2);
    }
}
