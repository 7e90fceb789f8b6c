using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credit.Tests.Publication;

/// <summary>Group commit: the projections of several subjects committed in one transaction are each what its projection alone
/// would have written, at consecutive positions in version order; and a subject whose projection fails holds back no other
/// subject of its group. Against the real PostgreSQL read models.</summary>
public sealed class GroupCommitTests(TestPostgres postgres)
{
    [Fact]
    public async Task Subjects_committed_together_each_take_consecutive_positions_in_the_order_of_their_versions()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var projection = new PostgresSubjectProjection(database, TimeProvider.System, new InterceptionNotifier(database, NullLogger<InterceptionNotifier>.Instance));
        var subjects = Enumerable.Range(0, 12).Select(_ => ListedAndRestricted()).ToList();
        // One of them has its first change projected already: only its second is appended now.
        await projection.ProjectAsync(subjects[0].Subject with { Version = 1 }, subjects[0].History.Take(1).ToList(), cancellation);

        await projection.ProjectTogetherAsync(subjects, cancellation);

        var rows = await RowsAsync(database, "SELECT subject_key, subject_version, position FROM change_log ORDER BY position");
        Assert.Equal(24, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Position).Distinct().Count());
        foreach (var (subject, _) in subjects)
        {
            var own = rows.Where(r => r.Key == subject.Profile.Id.Key).ToList();
            Assert.Equal([1L, 2L], own.Select(r => r.Version));
            if (subject != subjects[0].Subject)
                Assert.Equal(own[0].Position + 1, own[1].Position);
        }
        // The group's positions follow one another: the second change of every subject but the first, which was there before.
        var group = rows.Skip(1).Select(r => r.Position).ToList();
        Assert.Equal(Enumerable.Range(0, group.Count).Select(i => group[0] + i), group);
        Assert.Equal(12L, await ScalarAsync(database, "SELECT count(*) FROM projected_subjects WHERE version = 2"));
        Assert.Equal(12L, await ScalarAsync(database, "SELECT count(*) FROM public_listings"));
        Assert.Equal(12L, await ScalarAsync(database, "SELECT count(*) FROM intercepted_subjects"));
        Assert.Equal(12L, await ScalarAsync(database, "SELECT count(*) FROM interception_changes"));
        Assert.Equal(rows[^1].Position, await ChangeLogHorizon.SafeHeadAsync(database, cancellation));
    }

    [Fact]
    public async Task A_subject_whose_projection_fails_fails_alone_and_every_other_subject_of_its_group_is_published()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var projection = new PostgresSubjectProjection(database, TimeProvider.System, new InterceptionNotifier(database, NullLogger<InterceptionNotifier>.Instance));
        var subjects = Enumerable.Range(0, 10).Select(_ => ListedAndRestricted()).ToList();
        var failing = subjects[4].Subject.Profile.Id.Key;
        // The database refuses this one subject's public listing, as a failing database would.
        await ExecuteAsync(database, $"""
            CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.subject_key = '{failing}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_one BEFORE INSERT ON public_listings FOR EACH ROW EXECUTE FUNCTION refuse_one();
            """);

        // Together, the group fails as a whole and writes nothing of anyone.
        await Assert.ThrowsAsync<PostgresException>(() => projection.ProjectTogetherAsync(subjects, cancellation));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM change_log"));

        // Through the silo's group commit, only the failing subject's own projection fails.
        await using var groups = new GroupCommitProjection(projection, NullLogger<GroupCommitProjection>.Instance);
        var projecting = subjects.Select(s => groups.ProjectAsync(s.Subject, s.History, cancellation)).ToList();
        var error = await Assert.ThrowsAsync<PostgresException>(() => projecting[4]);
        Assert.Contains("refused by the test", error.MessageText, StringComparison.Ordinal);
        await Task.WhenAll(projecting.Where((_, i) => i != 4));
        Assert.Equal(9L, await ScalarAsync(database, "SELECT count(*) FROM projected_subjects WHERE version = 2"));
        Assert.Equal(0L, await ScalarAsync(database, $"SELECT count(*) FROM change_log WHERE subject_key = '{failing}'"));
        Assert.Equal(18L, await ScalarAsync(database, "SELECT count(*) FROM change_log"));
        Assert.Equal(9L, await ScalarAsync(database, "SELECT count(*) FROM intercepted_subjects"));
    }

    /// <summary>A person listed (version 1) and consumption-restricted with the listing (version 2) by the Liwan court.</summary>
    private static (SubjectSnapshot Subject, IReadOnlyList<ChangeRecord> History) ListedAndRestricted()
    {
        var id = SubjectId.For(ResidentId.Parse(Identities.AdultResidentId()));
        var court = CourtCode.Parse("粤0103");
        var caseNumber = CaseNumber.Parse($"(2025)粤0103执{Identities.NextCaseSequence()}号");
        var listing = new Listing(Guid.NewGuid(), court, caseNumber, new EnforcementBasis("广州市荔湾区人民法院", "(2024)粤0103民初1号"),
            "支付货款", 1000m, new Performance(PerformanceStatus.NotPerformed, 0), [new GroundFinding(DishonestGround.RefusesDespiteAbility, "拒不履行")],
            new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), null, 0, null, ListingStatus.Active, null, null, null, null);
        var restriction = new ConsumptionRestriction(Guid.NewGuid(), court, caseNumber, RestrictionBasis.Listing, new DateOnly(2025, 3, 1),
            RestrictionStatus.Active, null, listing.Id, null, null, null, null, null, null, null);
        var subject = new SubjectSnapshot(new SubjectProfile(id, "王明", Sex.Male, id.ResidentId!.Value.BirthDate), 2, [listing], [restriction], [], []);
        return (subject, [
            new(1, DateTimeOffset.UtcNow, court, "clerk", ChangeKind.Listed, listing.Id, "Art. 1 grounds 1", []),
            new(2, DateTimeOffset.UtcNow, court, "clerk", ChangeKind.Restricted, restriction.Id, "with the listing", []),
        ]);
    }

    private static async Task<List<(string Key, long Version, long Position)>> RowsAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<(string, long, long)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return rows;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
