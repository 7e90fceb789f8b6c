using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credit.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Credit.Tests.Infrastructure.CourtRequests;

namespace Credit.Tests.Objections;

/// <summary>A platform whose clock can be taken forward day by day, so deadlines can be watched across the 2026 holidays. Orleans
/// keeps time by the same clock and must never see it go back, so a fixture starts on the first day its tests need (a day
/// past, <paramref name="startDay"/>) and only moves on from there.</summary>
public abstract class ObjectionFixture(TestPostgres postgres, string? startDay) : IAsyncLifetime
{
    public const string Yuexiu = "demo-yuexiu-district-court";

    public RunningPlatform Platform { get; private set; } = null!;

    public TravellingClock Clock { get; } = new();

    /// <summary>The platform's warnings and errors, shown when a step answers what it should not.</summary>
    public CapturedLogs Logs { get; } = new();

    public string Errors => string.Join("\n", Logs.Entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Warning", StringComparison.Ordinal)));

    public async ValueTask InitializeAsync()
    {
        if (startDay is not null)
            Today(startDay);
        var connectionString = await postgres.CreateDatabaseAsync(migrate: true);
        Platform = await RunningPlatform.StartAsync(connectionString, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Logging.AddProvider(Logs);
            Configure(builder);
        }, seedDemoKeys: true);
    }

    /// <summary>Registers what a fixture's tests need ahead of the platform's own services.</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();

    public HttpClient Liwan => Platform.Client(PlatformFixture.Liwan);

    public HttpClient Intermediate => Platform.Client(PlatformFixture.Intermediate);

    public HttpClient OtherDistrict => Platform.Client(Yuexiu);

    public HttpClient Public => Platform.Client();

    /// <summary>Takes the platform to 10:00 in Beijing on <paramref name="day"/>.</summary>
    public void Today(string day) =>
        Clock.MoveTo(new DateTimeOffset(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

    /// <summary>The platform's day, China time, as yyyy-MM-dd.</summary>
    public string Day => Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Liwan lists a fresh person, published today; returns the ID, the case number and the listing's id.</summary>
    public async Task<(string Id, string CaseNumber, Guid ListingId)> ListAsync(string name = "王异议")
    {
        var id = Identities.AdultResidentId();
        var caseNumber = CaseNumber();
        var body = PersonListing(caseNumber, name);
        body["publicationDate"] = Day;
        body["decisionDate"] = Day;
        var created = await Liwan.PostAsync($"{Person(id)}/listings", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{Errors}");
        return (id, caseNumber, (await created.JsonAsync()).GetProperty("id").GetGuid());
    }

    public static JsonObject Objection(string id, string caseNumber, string name = "王异议", JsonArray? attachments = null) => new()
    {
        ["documentType"] = "resident-id",
        ["number"] = id,
        ["caseNumber"] = caseNumber,
        ["applicant"] = new JsonObject { ["name"] = name, ["role"] = "Subject" },
        ["grounds"] = "本人已于列入前全部履行判决确定的义务，不应被列入失信被执行人名单。",
        ["contact"] = new JsonObject { ["phone"] = "13800138000", ["email"] = "wang@example.com" },
        ["attachments"] = attachments ?? [],
    };

    /// <summary>Files an objection on the public API; returns the receipt number.</summary>
    public async Task<string> FileAsync(string id, string caseNumber, string name = "王异议") => (await FileWithCodeAsync(id, caseNumber, name)).Receipt;

    /// <summary>Files an objection on the public API; returns the receipt number and the applicant code only the filing answers.</summary>
    public async Task<(string Receipt, string Code)> FileWithCodeAsync(string id, string caseNumber, string name = "王异议")
    {
        var filed = await Public.PostAsync("/api/v1/public/objections", Objection(id, caseNumber, name));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var body = await filed.JsonAsync();
        return (body.GetProperty("receipt").GetString()!, body.GetProperty("applicantCode").GetString()!);
    }

    /// <summary>The applicant's request for reconsideration (Art. 12), with its code.</summary>
    public static JsonObject Reconsideration(string grounds, string? code) => new() { ["grounds"] = grounds, ["applicantCode"] = code };

    public static async Task<JsonElement> QueueItemAsync(HttpClient court, string receipt)
    {
        var queue = await court.GetAsync("/api/v1/objections");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        return (await queue.JsonAsync()).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("receipt").GetString() == receipt);
    }

    public static JsonObject Decision(string decision, string? remedy = null) => new()
    {
        ["decision"] = decision,
        ["remedy"] = remedy,
        ["explanation"] = decision == "Uphold" ? "申请人在列入前已履行完毕，异议成立。" : "申请人提交的付款凭证与本案无关，异议不成立。",
    };
}

/// <summary>Starts on 20 August 2026, for an objection's whole course through National Day.</summary>
public sealed class SummerObjectionFixture(TestPostgres postgres) : ObjectionFixture(postgres, "2026-08-20");

/// <summary>Starts on 21 September 2026, for a revocation due across National Day.</summary>
public sealed class AutumnObjectionFixture(TestPostgres postgres) : ObjectionFixture(postgres, "2026-09-21");

/// <summary>Starts on the real day, for tests that need no day past.</summary>
public sealed class PresentObjectionFixture(TestPostgres postgres) : ObjectionFixture(postgres, null);

/// <summary>Starts on the real day, with the objections' queue written through a projection a test can make fail.</summary>
public sealed class FailingQueueObjectionFixture(TestPostgres postgres) : ObjectionFixture(postgres, null)
{
    public FailingObjectionProjection Queue => (FailingObjectionProjection)Platform.Services.GetRequiredService<Grains.Interfaces.Objections.IObjectionProjection>();

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Grains.Interfaces.Objections.IObjectionProjection>(services =>
            new FailingObjectionProjection(new ReadModels.Objections.PostgresObjectionProjection(services.GetRequiredService<Npgsql.NpgsqlDataSource>())));
}
