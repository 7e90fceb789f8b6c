using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.ExitBans;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Subjects;
using Credit.Hosting.Orleans;
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
        [new GroundFinding(ground, "具体失信行为")], publication, publication, null, "(2025)粤0103执1号之一", publication, ListingInitiative.OwnMotion);

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

    [Fact]
    public async Task A_removal_that_could_not_be_stored_leaves_the_listing_and_the_expiry_reminder_it_needs()
    {
        var id = SubjectId.Parse($"p:{Identities.AdultResidentId()}");
        var grain = cluster.Client.GetGrain<ISubjectGrain>(id.Key);
        var created = await grain.CreateListing(Listing(DishonestGround.FailsToReportProperty, new DateOnly(2025, 5, 1)), Court("k3"));
        Assert.True(await ExpiryReminderExistsAsync(id));

        await RefuseWritesAsync(id);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.RemoveListing(new RemoveListing(created.ItemId, RemovalReason.FullPerformance, "已全部履行", KeepConsumptionRestriction: false), Court("k4")));
        await AllowWritesAsync(id);

        // The stored listing still ends in 2027, and its reminder is still there to record that.
        Assert.True(await ExpiryReminderExistsAsync(id));
        await cluster.DeactivateAsync(grain);
        Assert.Equal(ListingStatus.Active, Assert.Single((await grain.GetSnapshot())!.Listings).Status);
        // Once the removal is stored, nothing is left to expire and the reminder goes.
        Assert.Null((await grain.RemoveListing(new RemoveListing(created.ItemId, RemovalReason.FullPerformance, "已全部履行", KeepConsumptionRestriction: false), Court("k4"))).Refusal);
        Assert.False(await ExpiryReminderExistsAsync(id));
    }

    [Fact]
    public async Task A_stored_change_whose_publication_failed_is_published_by_the_subject_itself_within_seconds()
    {
        var id = SubjectId.Parse($"p:{Identities.AdultResidentId()}");
        var grain = cluster.Client.GetGrain<ISubjectGrain>(id.Key);
        await RefusePublicationAsync(id);
        var stored = await grain.CreateListing(Listing(DishonestGround.RefusesDespiteAbility, new DateOnly(2025, 5, 1)), Court("k5"));
        Assert.True(stored.PublicationPending, "the change is stored but its publication failed");
        await AllowWritesAsync(id);

        // Well before the durable retry reminder's first tick (a minute), whichever clock the timer follows.
        for (var second = 0; second < 20 && await LoggedChangesAsync(id) == 0; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var logged = await LoggedChangesAsync(id);
        Assert.True(logged > 0, "the subject did not publish its stored change by itself");
        Assert.Equal((await grain.GetSnapshot())!.Version, logged);
    }

    /// <summary>Makes PostgreSQL refuse the subject's grain-state writes, as a failed write would.</summary>
    private Task RefuseWritesAsync(SubjectId id) => RefuseAsync(id, "orleansstorage", "grainidextensionstring");

    /// <summary>Makes PostgreSQL refuse the subject's change-log rows: the state is stored, its projection fails.</summary>
    private Task RefusePublicationAsync(SubjectId id) => RefuseAsync(id, "change_log", "subject_key");

    private async Task RefuseAsync(SubjectId id, string table, string column) => await ExecuteAsync($"""
        CREATE TABLE IF NOT EXISTS test_refused (number text PRIMARY KEY);
        CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM test_refused WHERE to_jsonb(NEW) ->> TG_ARGV[0] LIKE '%' || number) THEN
                RAISE EXCEPTION 'refused by the test';
            END IF;
            RETURN NEW;
        END $$;
        CREATE OR REPLACE TRIGGER test_refuse_{table} BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION test_refuse('{column}');
        INSERT INTO test_refused VALUES ('{id.Number}') ON CONFLICT DO NOTHING;
        """);

    private async Task AllowWritesAsync(SubjectId id) => await ExecuteAsync($"DELETE FROM test_refused WHERE number = '{id.Number}'");

    private async Task<bool> ExpiryReminderExistsAsync(SubjectId id) =>
        (long)(await ScalarAsync("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'expiry' AND grainid LIKE '%' || $1", id.Number))! > 0;

    private async Task<long> LoggedChangesAsync(SubjectId id) =>
        (long)(await ScalarAsync("SELECT count(*) FROM change_log WHERE subject_key = $1", id.Key))!;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = parameter } } };
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
