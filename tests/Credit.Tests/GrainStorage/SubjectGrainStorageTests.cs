using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Silo.Hosting;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace Credit.Tests.GrainStorage;

/// <summary>The subject grain on an Orleans test cluster whose grain state and reminders are in the real PostgreSQL.</summary>
public sealed class SubjectGrainStorageTests(TestPostgres postgres) : IAsyncLifetime
{
    private static readonly CourtCode Liwan = CourtCode.Parse("粤0103");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster cluster = null!;
    private string connectionString = "";

    public async ValueTask InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UsePostgresGrainState(connectionString).UsePostgresReminders(connectionString));
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddCreditDomain(host.Configuration);
            host.Services.AddSingleton<TimeProvider>(clock);
            host.Services.AddCreditStorage(connectionString);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    private static CommandContext Court(string key) => new(Liwan, "test clerk", key, key);

    private static CreateListing Listing(DishonestGround ground, DateOnly publication) => new(
        new SubjectDetails("王五", null, null), CaseNumber.Parse($"({publication.Year})粤0103执{Random.Shared.Next(1, 99999)}号"),
        new EnforcementBasis("广州市荔湾区人民法院", "(2024)粤0103民初1号"), "支付欠款", 5000m, new Performance(PerformanceStatus.NotPerformed, 0),
        [new GroundFinding(ground, "具体失信行为")], publication, publication, null);

    [Fact]
    public async Task State_is_stored_as_readable_json_and_reloaded_after_deactivation()
    {
        var id = SubjectId.Parse($"p:{Identities.AdultResidentId()}");
        var grain = cluster.Client.GetGrain<ISubjectGrain>(id.Key);
        var created = await grain.CreateListing(Listing(DishonestGround.RefusesDespiteAbility, new DateOnly(2025, 5, 1)), Court("k1"));
        Assert.Null(created.Refusal);

        await cluster.DeactivateAsync(grain);
        var reloaded = await grain.GetSnapshot();

        Assert.Equal(created.ItemId, Assert.Single(reloaded!.Listings).Id);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT convert_from(payloadbinary, 'UTF8')::jsonb ->> 'Version' FROM orleansstorage WHERE grainidextensionstring LIKE '%' || $1", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = id.Number });
        Assert.Equal("2", await query.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_fixed_term_listing_expires_after_its_period_even_across_deactivation_Art2()
    {
        var id = SubjectId.Parse($"p:{Identities.AdultResidentId()}");
        var grain = cluster.Client.GetGrain<ISubjectGrain>(id.Key);
        var created = await grain.CreateListing(Listing(DishonestGround.FailsToReportProperty, new DateOnly(2025, 5, 1)), Court("k2"));
        Assert.Equal(new DateOnly(2027, 5, 1), created.Subject!.Listings[0].PeriodEnd);

        // A durable reminder is stored in PostgreSQL, due within one hop (40 days), not in two years.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var reminder = new NpgsqlCommand(
                "SELECT starttime FROM orleansreminderstable WHERE remindername = 'expiry' AND grainid LIKE '%' || $1", connection);
            reminder.Parameters.Add(new NpgsqlParameter { Value = id.Number });
            var due = (DateTime)(await reminder.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            Assert.InRange(due, clock.GetUtcNow().UtcDateTime.AddDays(39), clock.GetUtcNow().UtcDateTime.AddDays(41));
        }

        // In force through its last day (China time), expired from the next day on.
        clock.SetUtcNow(new DateTimeOffset(2027, 5, 1, 23, 0, 0, TimeSpan.FromHours(8)));
        await cluster.DeactivateAsync(grain);
        Assert.Equal(ListingStatus.Active, (await grain.GetSnapshot())!.Listings[0].Status);

        clock.SetUtcNow(new DateTimeOffset(2027, 5, 2, 0, 30, 0, TimeSpan.FromHours(8)));
        await cluster.DeactivateAsync(grain);
        var after = (await grain.GetSnapshot())!;

        Assert.Equal(ListingStatus.Expired, after.Listings[0].Status);
        Assert.Equal(RemovalReason.TermExpired, after.Listings[0].End!.Reason);
        Assert.Contains(await grain.GetHistory(), h => h.Kind == ChangeKind.ListingExpired);
    }

    [Fact]
    public async Task An_exit_ban_decided_ahead_wakes_its_subject_at_midnight_of_its_first_day_which_records_it()
    {
        var id = SubjectId.Parse($"p:{Identities.AdultResidentId()}");
        var grain = cluster.Client.GetGrain<ISubjectGrain>(id.Key);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var start = today.AddDays(12);
        var imposed = await grain.ImposeExitBan(new ImposeExitBan(new SubjectDetails("王五", null, null),
            CaseNumber.Parse($"({today.Year})粤0103执{Random.Shared.Next(1, 99999)}号"), "(2025)粤0103执1号之一", start, start.AddMonths(3)), Court("k3"));
        Assert.Null(imposed.Refusal);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var reminder = new NpgsqlCommand(
                "SELECT starttime FROM orleansreminderstable WHERE remindername = 'expiry' AND grainid LIKE '%' || $1", connection);
            reminder.Parameters.Add(new NpgsqlParameter { Value = id.Number });
            var due = (DateTime)(await reminder.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            Assert.Equal(new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).UtcDateTime, due);
        }

        clock.SetUtcNow(new DateTimeOffset(start.ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8)));
        await cluster.DeactivateAsync(grain);

        Assert.Contains(await grain.GetHistory(), h => h.Kind == ChangeKind.ExitBanTookEffect && h.ItemId == imposed.ItemId);
    }
}
