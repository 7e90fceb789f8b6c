using Credit.Grains.Interfaces.Changes;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Publication;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.ReadModels.ChangeLog;
using Credit.ReadModels.Interceptions;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Credit.Tests.Publication;

/// <summary>The projection publishes every state a subject can have stored, whatever its text: a lone surrogate or NUL (which
/// the intake now refuses, and which UTF-8 or PostgreSQL cannot carry) becomes U+FFFD, and a full resident ID written into free
/// text before the intake refused it reaches the public masked. Against the real PostgreSQL read models.</summary>
public sealed class ProjectionTotalityTests(TestPostgres postgres)
{
    [Fact]
    public void Published_text_is_well_formed_and_masks_full_ids()
    {
        Assert.Equal("王\uFFFD明\uFFFD", PublishedText.Of("王\uD842明\0"));
        Assert.Equal("王\U00020BB7明", PublishedText.Of("王\U00020BB7明"));
        Assert.Equal("\uFFFD\uFFFD", PublishedText.Of("\uDFB7\uD842"));
        Assert.Equal("号4401031990****1234𠮷", PublishedText.Of("号440103199001011234𠮷"));
        Assert.Equal("", PublishedText.Of(null));
        var clean = "阿依古丽·买买提";
        Assert.Same(clean, PublishedText.WellFormed(clean));
    }

    [Fact]
    public async Task A_stored_state_with_broken_text_and_an_id_in_its_behaviour_is_published_repaired_and_masked()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var projection = new PostgresSubjectProjection(database, TimeProvider.System, new InterceptionNotifier(database, NullLogger<InterceptionNotifier>.Instance));
        var id = SubjectId.For(ResidentId.Parse(Identities.AdultResidentId()));
        var other = Identities.AdultResidentId();
        var court = CourtCode.Parse("粤0103");
        var caseNumber = CaseNumber.Parse($"(2025)粤0103执{Identities.NextCaseSequence()}号");
        var listing = new Listing(Guid.NewGuid(), court, caseNumber, new EnforcementBasis("广州市荔湾区人民法院\0", "(2024)粤0103民初1号"),
            $"向{other}支付货款", 1000m, new Performance(PerformanceStatus.NotPerformed, 0), [new GroundFinding(DishonestGround.RefusesDespiteAbility, "拒不履行\uDFB7")],
            new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), null, 0, null, ListingStatus.Active, null, null, null, null);
        var restriction = new ConsumptionRestriction(Guid.NewGuid(), court, caseNumber, RestrictionBasis.Listing, new DateOnly(2025, 3, 1),
            RestrictionStatus.Active, null, listing.Id, null, null, null, null, null, null, null);
        var subject = new SubjectSnapshot(new SubjectProfile(id, "王\uD842明", Sex.Male, id.ResidentId!.Value.BirthDate), 2, [listing], [restriction], [], []);
        ChangeRecord[] history =
        [
            new(1, DateTimeOffset.UtcNow, court, "clerk\0", ChangeKind.Listed, listing.Id, "Art. 1 grounds 1", []),
            new(2, DateTimeOffset.UtcNow, court, "clerk", ChangeKind.Restricted, restriction.Id, $"理由{other}", []),
        ];
        await projection.RecordFailureAsync(id, 2, "EncoderFallbackException: Unable to translate Unicode character \\uD842", cancellation);

        await projection.ProjectAsync(subject, history, cancellation);

        Assert.Equal(2, await projection.ProjectedVersionAsync(id, cancellation));
        var masked = $"{other[..10]}****{other[14..]}";
        Assert.Equal(["王\uFFFD明", "广州市荔湾区人民法院\uFFFD", $"向{masked}支付货款", "拒不履行\uFFFD"],
            await RowAsync(database, $"SELECT name, basis_issuer, obligation, behaviours FROM public_listings WHERE listing_id = '{listing.Id}'"));
        Assert.Equal(["王\uFFFD明"], await RowAsync(database, $"SELECT name FROM intercepted_subjects WHERE subject_key = '{id.Key}'"));
        Assert.Equal(["clerk\uFFFD", $"理由{masked}"], await RowAsync(database, $"""
            SELECT (SELECT actor FROM change_log WHERE subject_key = '{id.Key}' AND subject_version = 1),
                   (SELECT reason FROM change_log WHERE subject_key = '{id.Key}' AND subject_version = 2)
            """));
        // The projection that succeeded cleared the failure its grain had recorded.
        Assert.Empty(await RowAsync(database, $"SELECT subject_key FROM publication_failures WHERE subject_key = '{id.Key}'"));
    }

    [Fact]
    public async Task A_recorded_failure_counts_attempts_and_masks_ids_in_the_error()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var projection = new PostgresSubjectProjection(database, TimeProvider.System, new InterceptionNotifier(database, NullLogger<InterceptionNotifier>.Instance));
        var id = SubjectId.For(ResidentId.Parse(Identities.AdultResidentId()));

        await projection.RecordFailureAsync(id, 3, $"NpgsqlException: timeout on {id.Number}", cancellation);
        await projection.RecordFailureAsync(id, 4, $"NpgsqlException: timeout on {id.Number}\uD842", cancellation);

        var row = await RowAsync(database,
            $"SELECT stored_version::text, attempts::text, last_error FROM publication_failures WHERE subject_key = '{id.Key}'");
        Assert.Equal(["4", "2", $"NpgsqlException: timeout on {id.Number[..10]}****{id.Number[14..]}\uFFFD"], row);
    }

    private static async Task<string[]> RowAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        if (!await reader.ReadAsync(TestContext.Current.CancellationToken))
            return [];
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)];
    }
}
