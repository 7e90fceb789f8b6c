using System.Globalization;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Grains.Interfaces.Time;
using Credit.Grains.Subjects;
using Microsoft.Extensions.Time.Testing;

namespace Credit.Tests.Rules;

/// <summary>Subjects, courts, cases and commands for the rule tests. Each test builds its own subject on
/// fresh state: the aggregate changes the state it is given even when it then refuses (the grain decides
/// on a clone).</summary>
internal static class TestSubjects
{
    /// <summary>"Today" for every test clock, as a date in China Standard Time.</summary>
    public static readonly DateOnly Today = new(2025, 6, 16);

    public static readonly CourtCode Liwan = CourtCode.Parse("粤0103");
    public static readonly CourtCode Yuexiu = CourtCode.Parse("粤0104");

    public static readonly CaseNumber LiwanCase = CaseNumber.Parse("(2025)粤0103执100号");
    public static readonly CaseNumber OtherLiwanCase = CaseNumber.Parse("(2025)粤0103执200号");
    public static readonly CaseNumber YuexiuCase = CaseNumber.Parse("(2025)粤0104执300号");
    public static readonly DateOnly FilingDate = new(2025, 2, 10);
    public static readonly DateOnly PublicationDate = new(2025, 3, 1);

    public const string PersonName = "张三";
    public const string CompanyName = "广州某某贸易有限公司";

    /// <summary>The instant at which a clock in China shows <paramref name="date"/> and <paramref name="time"/>.</summary>
    public static DateTimeOffset ChinaInstant(DateOnly date, TimeOnly time) =>
        new DateTimeOffset(date.ToDateTime(time), ChinaTime.Offset).ToUniversalTime();

    public static FakeTimeProvider ClockOn(DateOnly chinaDate) => new(ChinaInstant(chinaDate, new TimeOnly(10, 0)));

    public static string WithResidentCheck(string first17) => first17 + ResidentId.CheckCharacterFor(first17);

    /// <summary>A valid resident ID of a Liwan resident; the sequence's last digit gives the sex.</summary>
    public static ResidentId ResidentBornOn(DateOnly birth, Sex sex = Sex.Male, string region = "440103") =>
        ResidentId.Parse(WithResidentCheck(region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (sex == Sex.Male ? "123" : "124")));

    public static SubjectId Person(DateOnly? bornOn = null, Sex sex = Sex.Male) =>
        SubjectId.For(ResidentBornOn(bornOn ?? new DateOnly(1980, 5, 12), sex));

    public static string WithCreditCheck(string first17) => first17 + CreditCode.CheckCharacterFor(first17);

    public static SubjectId Company(string first17 = "91440101MA5CXXXX1") => SubjectId.For(CreditCode.Parse(WithCreditCheck(first17)));

    public static readonly ResponsiblePerson Representative = new(SubjectId.For(ResidentBornOn(new DateOnly(1975, 8, 20))), "李四", ResponsibleRole.LegalRepresentative);

    public static Subject SubjectOf(SubjectId id, TimeProvider? clock = null, SubjectRules? rules = null) =>
        new(id, new SubjectState(), clock ?? ClockOn(Today), rules ?? new SubjectRules());

    public static CommandContext By(CourtCode court, string? key = null, string fingerprint = "request-hash") =>
        new(court, "clerk-007", key ?? Guid.NewGuid().ToString("N"), fingerprint);

    public static SubjectDetails Named(string name = PersonName) => new(name, null, null);

    public static GroundFinding Finding(DishonestGround ground) => new(ground, "具体失信行为：" + ground);

    public static CreateListing ListingRequest(
        SubjectDetails? subject = null,
        CaseNumber? caseNumber = null,
        decimal amountOwed = 150_000m,
        Performance? performance = null,
        IReadOnlyList<GroundFinding>? grounds = null,
        DateOnly? filingDate = null,
        DateOnly? publicationDate = null,
        IReadOnlyList<ResponsiblePerson>? persons = null,
        string obligation = "支付货款 150000 元及利息",
        ListingInitiative initiative = ListingInitiative.CreditorApplication,
        DateOnly? decisionDate = null,
        string decisionNumber = "(2025)粤0103执100号之一") =>
        new(subject ?? Named(), caseNumber ?? LiwanCase, new EnforcementBasis("广州市荔湾区人民法院", "(2024)粤0103民初1号"), obligation, amountOwed,
            performance ?? new Performance(PerformanceStatus.NotPerformed, 0m), grounds ?? [Finding(DishonestGround.RefusesDespiteAbility)],
            filingDate ?? FilingDate, publicationDate ?? PublicationDate, persons, decisionNumber,
            decisionDate ?? publicationDate ?? PublicationDate, initiative);

    public static CreateListing EntityListingRequest(IReadOnlyList<GroundFinding>? grounds = null, IReadOnlyList<ResponsiblePerson>? persons = null) =>
        ListingRequest(subject: Named(CompanyName), grounds: grounds, persons: persons ?? [Representative]);

    public static ImposeRestriction RestrictionRequest(CaseNumber? caseNumber = null, DateOnly? effectiveFrom = null, SubjectDetails? subject = null,
        DateOnly? orderDate = null, string orderNumber = "(2025)粤0103执100号限制消费令", IReadOnlyList<ResponsiblePerson>? persons = null) =>
        new(subject ?? Named(), caseNumber ?? LiwanCase, effectiveFrom ?? FilingDate, orderNumber, orderDate ?? FilingDate, persons);

    /// <summary>An entity's own restriction, naming its legal representative unless told otherwise.</summary>
    public static ImposeRestriction EntityRestrictionRequest(CaseNumber? caseNumber = null, IReadOnlyList<ResponsiblePerson>? persons = null) =>
        RestrictionRequest(caseNumber, subject: Named(CompanyName), persons: persons ?? [Representative]);

    public static ImposeExitBan ExitBanRequest(CaseNumber? caseNumber = null, DateOnly? start = null, DateOnly? end = null, string decisionNumber = "(2025)粤0103执100号之一",
        EntityDebt? forEntity = null) =>
        new(Named(), caseNumber ?? LiwanCase, decisionNumber, start ?? Today, end ?? (start ?? Today).AddMonths(6), forEntity);

    public static Guid Accepted(Decision decision)
    {
        Assert.Null(decision.Refusal);
        Assert.NotEqual(Guid.Empty, decision.ItemId);
        return decision.ItemId;
    }

    public static void Refused(Decision decision, RefusalKind kind, string field)
    {
        Assert.NotNull(decision.Refusal);
        Assert.Equal((kind, field), (decision.Refusal.Kind, decision.Refusal.Field));
        Assert.Equal(Guid.Empty, decision.ItemId);
    }
}
