using Credit.Grains.Interfaces.Identifiers;
using Credit.Hosting.Logging;
using Credit.Tests.Agencies;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credit.Tests.Logging;

/// <summary>No full resident ID number reaches a log, whoever writes the line: Orleans names subject grains by their
/// key, which is the ID number, in its warnings.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResidentIdRedactionTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("Task took 212 ms on grain SubjectGrain/p:440103199001011234", "Task took 212 ms on grain SubjectGrain/p:4401031990****1234")]
    [InlineData("ids 11010119491231002x and 110101200002290017.", "ids 1101011949****002x and 1101012000****0017.")]
    [InlineData("no change: 2025-03-01T08:30:00, amount 1234567890123456789012, code 91440101MA5CXXXX1X", null)]
    [InlineData("a longer run of digits 4401031990010112345 is not an ID", null)]
    [InlineData("month 13 is no birth date: 440103199013011234", null)]
    // Beside characters outside the Basic Multilingual Plane (surrogate pairs in .NET strings), and typed full-width.
    [InlineData("王\U00020BB7明440103199001011234\U00020BB7", "王\U00020BB7明4401031990****1234\U00020BB7")]
    [InlineData("\U0002A6D6440103199001011234😀 p:11010519491231002X\U000323AF", "\U0002A6D64401031990****1234😀 p:1101051949****002X\U000323AF")]
    [InlineData("身份证号４４０１０３１９９００１０１１２３Ｘ。", "身份证号４４０１０３１９９０****１２３Ｘ。")]
    // The 15-digit number issued before 1999 (province, county, two-digit year, month and day, three digits).
    [InlineData("旧证号440103900101123，新证号440103199001011234", "旧证号44010390****123，新证号4401031990****1234")]
    [InlineData("４４０１０３９００１０１１２３", "４４０１０３９０****１２３")]
    // Split into groups by spaces or hyphens, as copied from a form; the groups around it are not taken in.
    [InlineData("身份证 440103 19900101 123X 已核实", "身份证 440103 1990**** 123X 已核实")]
    [InlineData("号码4401-0319-9001-0112-34。", "号码4401-0319-90**-**12-34。")]
    [InlineData("编号 12 440103 900101 123 页 7", "编号 12 440103 90**** 123 页 7")]
    // Not IDs: a 15-digit business registration number (month 00), a phone number, digits with no province, a date and time.
    [InlineData("注册号440101000012345，电话138 0013 8000，单号990103900101123", null)]
    [InlineData("2026-12-02 12:25:20.123 4401 0319", null)]
    [InlineData("身份证\u3000440103\u3000199001011234", "身份证\u3000440103\u30001990****1234")]
    [InlineData("号码4401031990\uFF0D01011234止", "号码4401031990\uFF0D****1234止")]
    [InlineData("Art. 1 grounds 1; Art. 5 decision (2026)粤0103执199994号之一 of 2026-12-03, on the creditor's application", null)]
    public void Resident_ids_are_masked_and_other_numbers_left_alone(string text, string? masked) =>
        Assert.Equal(masked ?? text, ResidentIdsInText.Mask(text));

    [Fact]
    public void A_logged_message_and_its_exception_reach_the_provider_masked()
    {
        var id = Identities.AdultResidentId();
        var recorded = new RecordingLogger<object>();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new SingleLoggerProvider(recorded)).RedactResidentIds())
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.Scheduler");

        logger.LogWarning(new TimeoutException($"Response did not arrive on time for SubjectGrain/p:{id}"), "Slow turn on grain {Grain}", $"SubjectGrain/p:{id}");

        var (level, message) = Assert.Single(recorded.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.DoesNotContain(id, message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Slow turn on grain SubjectGrain/p:{id[..10]}****{id[14..]}", message, StringComparison.Ordinal);
        Assert.Contains($"TimeoutException: Response did not arrive on time for SubjectGrain/p:{id[..10]}****{id[14..]}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_log_provider_of_the_platform_masks()
    {
        var providers = fixture.Platform.Services.GetServices<ILoggerProvider>().ToList();

        Assert.NotEmpty(providers);
        Assert.All(providers, provider => Assert.IsType<RedactingLoggerProvider>(provider));
    }

    private sealed class SingleLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
