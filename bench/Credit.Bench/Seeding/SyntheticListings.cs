using System.Globalization;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Subjects;
using Credit.ReadModels.PublicListings;

namespace Credit.Bench.Seeding;

/// <summary>One row of <c>public_listings</c>, in its column order.</summary>
public sealed record SeedListing(
    Guid ListingId, string SubjectKey, long SubjectVersion, bool IsEntity, string DocumentType, string IdNumber, string MaskedId,
    string Name, string[] NameBigrams, string? Sex, DateOnly? BirthDate, string? LegalRepresentative, string CourtCode, string CourtName,
    string Province, string CaseNumber, string BasisIssuer, string BasisNumber, string Obligation, decimal AmountOwed,
    string PerformanceStatus, decimal AmountPerformed, int[] Grounds, string Behaviours, DateOnly FilingDate, DateOnly PublicationDate,
    DateOnly? PeriodEnd);

/// <summary>A court as the <c>courts</c> table holds it.</summary>
public sealed record SeedCourt(string Code, string Name);

/// <summary>Valid, realistic active listings, as the projection would have written them for listings that
/// courts made through the API: identifiers that pass their check characters, adults only (Art. 4),
/// fixed terms computed by the rules (Art. 2) and still running, case numbers unique and of the
/// listing's own court, resident IDs masked by the projection's own code.</summary>
public sealed class SyntheticListings(IReadOnlyList<SeedCourt> courts, DateOnly today, int seed)
{
    /// <summary>Bigger districts enforce more cases.</summary>
    public static readonly IReadOnlyDictionary<string, double> CourtWeights = new Dictionary<string, double>
    {
        ["粤01"] = 4,
        ["粤0103"] = 7,
        ["粤0104"] = 9,
        ["粤0105"] = 9,
        ["粤0106"] = 14,
        ["粤0111"] = 15,
        ["粤0112"] = 8,
        ["粤0113"] = 12,
        ["粤0114"] = 8,
        ["粤0115"] = 5,
        ["粤0117"] = 3,
        ["粤0118"] = 6,
    };

    private static readonly Dictionary<DishonestGround, string> Behaviours = new()
    {
        [DishonestGround.RefusesDespiteAbility] = "有履行能力而拒不履行生效法律文书确定义务",
        [DishonestGround.ObstructsEnforcement] = "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
        [DishonestGround.EvadesEnforcement] = "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
        [DishonestGround.FailsToReportProperty] = "违反财产报告制度",
        [DishonestGround.BreachesConsumptionRestriction] = "违反限制消费令",
        [DishonestGround.BreachesSettlementAgreement] = "无正当理由拒不履行执行和解协议",
    };

    // Ground 1 (no fixed term) is the common case; the rest run two years (Art. 2), about 30% of listings.
    private static readonly Weighted<DishonestGround[]> OpenEndedGrounds = new([
        ([DishonestGround.RefusesDespiteAbility], 60),
        ([DishonestGround.RefusesDespiteAbility, DishonestGround.FailsToReportProperty], 30),
        ([DishonestGround.RefusesDespiteAbility, DishonestGround.BreachesConsumptionRestriction], 10),
    ]);
    private static readonly Weighted<DishonestGround[]> FixedTermGrounds = new([
        ([DishonestGround.FailsToReportProperty], 55), ([DishonestGround.BreachesConsumptionRestriction], 20),
        ([DishonestGround.BreachesSettlementAgreement], 15), ([DishonestGround.EvadesEnforcement], 6), ([DishonestGround.ObstructsEnforcement], 4),
    ]);
    private static readonly Weighted<int> ExtensionYears = new([(0, 60), (1, 20), (2, 12), (3, 8)]);
    private static readonly Weighted<int> ListingsPerSubject = new([(1, 85), (2, 10), (3, 3), (4, 1.5), (5, 0.5)]);

    private static readonly string[] Obligations =
    [
        "偿还借款本金{0}元及利息", "支付货款{0}元及逾期付款违约金", "支付工程款{0}元", "支付租金{0}元及违约金", "支付劳动报酬{0}元",
        "赔偿损失{0}元", "返还购房款{0}元", "支付信用卡透支款{0}元及利息", "支付服务费{0}元", "返还不当得利{0}元",
    ];

    private readonly Random random = new(seed);
    private readonly Weighted<SeedCourt> courtChoice = new(courts.Select(c => (c, CourtWeights.GetValueOrDefault(c.Code, 5))));
    private readonly Dictionary<string, int> caseSequences = [];
    private SyntheticIdentities? identities;

    private SyntheticIdentities Identities => identities ??= new SyntheticIdentities(random, today);

    public IEnumerable<SeedListing> Generate(int count)
    {
        var made = 0;
        while (made < count)
        {
            var listings = Math.Min(ListingsPerSubject.Next(random), count - made);
            foreach (var listing in random.NextDouble() < 0.10 ? Entity(listings) : Person(listings))
            {
                made++;
                yield return listing;
            }
        }
    }

    private IEnumerable<SeedListing> Person(int listings)
    {
        var sex = random.NextDouble() < 0.75 ? Sex.Male : Sex.Female;
        var id = Identities.ResidentId(sex);
        var subject = SubjectId.For(id);
        var name = ChineseNames.Person(random, sex);
        for (var i = 0; i < listings; i++)
            yield return Listing(subject, listings, name, sex.ToString(), id.BirthDate, null);
    }

    private IEnumerable<SeedListing> Entity(int listings)
    {
        var subject = SubjectId.For(Identities.CreditCode());
        var name = ChineseNames.Company(random);
        var representative = ChineseNames.Person(random, random.NextDouble() < 0.8 ? Sex.Male : Sex.Female);
        for (var i = 0; i < listings; i++)
            yield return Listing(subject, listings, name, null, null, representative);
    }

    private SeedListing Listing(SubjectId subject, int listingsOfSubject, string name, string? sex, DateOnly? birthDate, string? representative)
    {
        var court = courtChoice.Next(random);
        var fixedTerm = random.NextDouble() < 0.30;
        var grounds = (fixedTerm ? FixedTermGrounds : OpenEndedGrounds).Next(random)
            .Select(g => new GroundFinding(g, Behaviours[g])).ToList();
        // A fixed-term listing whose term (plus extensions) has run out has expired and left the public
        // list, so fixed-term listings still published are the recent ones.
        var extension = fixedTerm ? ExtensionYears.Next(random) : 0;
        var window = fixedTerm ? today.AddYears(-(Subject.FixedTermYears + extension)).DayNumber + 1 : today.AddYears(-5).DayNumber;
        var publication = DateOnly.FromDayNumber(random.Next(window, today.DayNumber + 1));
        var filing = publication.AddDays(-random.Next(30, 541));
        var caseNumber = NextCaseNumber(filing.Year, court.Code);

        var owed = Amount();
        var partly = random.NextDouble() < 0.15;
        var performed = partly ? Math.Max(0.01m, decimal.Round(owed * (decimal)(0.05 + random.NextDouble() * 0.85), 2)) : 0m;
        var basisYear = filing.Year - (random.NextDouble() < 0.7 ? 1 : 0);
        var (issuer, basisNumber) = random.Next(20) switch
        {
            < 14 => (court.Name, $"({basisYear}){court.Code}民初{random.Next(100, 60000)}号"),
            < 17 => ("广州市中级人民法院", $"({basisYear})粤01民终{random.Next(100, 30000)}号"),
            < 19 => ("广州仲裁委员会", $"({basisYear})穗仲案字第{random.Next(100, 20000)}号"),
            _ => ("广东省广州市南方公证处", $"({basisYear})粤广南方第{random.Next(1000, 90000)}号执行证书"),
        };
        return new SeedListing(
            Identities.Guid(), subject.Key, listingsOfSubject, subject.IsEntity, subject.Type.ToString(), subject.Number,
            subject.Masked, name, NameBigrams.Of(name), sex, birthDate, representative,
            court.Code, court.Name, Provinces.Of(court.Code), caseNumber, issuer, basisNumber,
            string.Format(CultureInfo.InvariantCulture, Obligations[random.Next(Obligations.Length)], owed.ToString("0.##", CultureInfo.InvariantCulture)),
            owed, partly ? nameof(PerformanceStatus.PartlyPerformed) : nameof(PerformanceStatus.NotPerformed), performed,
            [.. grounds.Select(g => (int)g.Ground)], string.Join("；", grounds.Select(g => g.Behaviour)),
            filing, publication, Subject.PeriodEnd(grounds, publication, extension));
    }

    /// <summary>Case numbers run per court, year and case type; gaps between them stand for cases that never led to a listing.</summary>
    private string NextCaseNumber(int year, string court)
    {
        var type = random.NextDouble() < 0.9 ? "执" : "执恢";
        var key = string.Concat(year.ToString(CultureInfo.InvariantCulture), court, type);
        var sequence = caseSequences[key] = caseSequences.GetValueOrDefault(key, random.Next(1, 200)) + random.Next(1, 4);
        return $"({year}){court}{type}{sequence}号";
    }

    /// <summary>Log-normal around 80,000 yuan: most debts are tens of thousands, a few are millions.</summary>
    private decimal Amount()
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var yuan = Math.Clamp(Math.Exp(Math.Log(80_000) + 1.3 * normal), 1_000, 500_000_000);
        return decimal.Round((decimal)yuan, 2);
    }
}
