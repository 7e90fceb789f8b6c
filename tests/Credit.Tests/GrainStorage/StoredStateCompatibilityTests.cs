using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Restrictions;
using Credit.Grains.Interfaces.Subjects;
using Credit.Hosting.Orleans;
using Credit.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace Credit.Tests.GrainStorage;

/// <summary>Subject state as earlier versions stored it (the documents in StoredStates/, taken from PostgreSQL as the
/// silo wrote them) loads through the real storage path, Orleans' ADO.NET storage and its System.Text.Json serializer,
/// and keeps working. The documents hold removal reasons by their old numbers, listings without decisions, a single
/// legal representative and deliveries owed to one.</summary>
public sealed class StoredStateCompatibilityTests(TestPostgres postgres) : IAsyncLifetime
{
    private static readonly CourtCode Liwan = CourtCode.Parse("粤0103");
    private const string Person = "p:440103198005121235";
    private const string Representative = "p:440103197508201232";
    private const string ListedEntity = "e:91440101MA5CXXXX1B";
    private const string OwingEntity = "e:91440101MA5CYYYY11";

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
            host.Services.AddCreditDomain();
            host.Services.AddSingleton<TimeProvider>(clock);
            host.Services.AddCreditStorage(connectionString);
        });
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    internal static string Document(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "GrainStorage", "StoredStates", name));

    private static CommandContext Court() => new(Liwan, "test clerk", Guid.NewGuid().ToString("N"), "fingerprint");

    /// <summary>Puts <paramref name="document"/> where the silo keeps the subject's state: the grain stores a state of its
    /// own first (so that Orleans' row exists), the row's payload is replaced, and the grain is deactivated so that its
    /// next call reads the document.</summary>
    private async Task<ISubjectGrain> StoredAsync(string key, string name, string document)
    {
        var grain = cluster.Client.GetGrain<ISubjectGrain>(key);
        // An entity's restriction names its legal representative: someone the documents do not know.
        IReadOnlyList<ResponsiblePerson>? persons = SubjectId.Parse(key).IsEntity
            ? [new ResponsiblePerson(SubjectId.Parse($"p:{Identities.AdultResidentId()}"), "某人", ResponsibleRole.LegalRepresentative)]
            : null;
        var first = await grain.ImposeRestriction(new ImposeRestriction(new SubjectDetails(name, null, null), CaseNumber.Parse("(2025)粤0103执999号"),
            new DateOnly(2025, 5, 1), "(2025)粤0103执999号限制消费令", new DateOnly(2025, 5, 1), persons), Court());
        Assert.Null(first.Refusal);
        await cluster.DeactivateAsync(grain);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var replace = new NpgsqlCommand(
            "UPDATE orleansstorage SET payloadbinary = convert_to($2, 'UTF8') WHERE grainidextensionstring = $1", connection);
        replace.Parameters.Add(new NpgsqlParameter { Value = key });
        replace.Parameters.Add(new NpgsqlParameter { Value = document });
        Assert.Equal(1, await replace.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        return grain;
    }

    [Fact]
    public async Task Listings_removed_under_the_old_reason_numbers_load_with_the_grounds_those_numbers_stand_for_Art10()
    {
        var grain = await StoredAsync(Person, "张三", Document("person-removed-for-each-reason.json"));

        var subject = (await grain.GetSnapshot())!;

        Assert.Equal(43, subject.Version);
        var reasons = subject.Listings.Where(l => l.End is not null).ToDictionary(l => l.End!.Explanation, l => l.End!.Reason);
        Assert.Equal(RemovalReason.WronglyListed, reasons["removed for WronglyListed"]);
        Assert.Equal(RemovalReason.FullPerformance, reasons["removed for FullPerformance"]);
        Assert.Equal(RemovalReason.SettlementPerformed, reasons["removed for SettlementPerformed"]);
        Assert.Equal(RemovalReason.CreditorRequest, reasons["removed for CreditorRequest"]);
        // Three numbers were mislabelled: ¶1(4) closure without property, ¶1(7) termination (the basis revoked), ¶1(5) bankruptcy.
        Assert.Equal(RemovalReason.NoPropertyAfterClosure, reasons["removed for ProcedureTerminated"]);
        Assert.Equal(RemovalReason.EnforcementTerminated, reasons["removed for EnforcementBasisRevoked"]);
        Assert.Equal(RemovalReason.EnforcementSuspended, reasons["removed for TransferredToBankruptcy"]);
        Assert.Equal(RemovalReason.BehaviourCorrected, reasons["removed for BehaviourCorrected"]);
        Assert.Equal(RemovalReason.ObjectionUpheld, reasons["removed for ObjectionUpheld"]);
        Assert.Equal(RemovalReason.TermExpired, subject.Listings.Single(l => l.Status == ListingStatus.Expired).End!.Reason);
        var active = subject.Listings.Single(l => l.Status == ListingStatus.Active);
        Assert.Equal((null, null, null), (active.DecisionNumber, active.DecisionDate, active.Initiative));
        Assert.All(subject.Restrictions, r => Assert.Null(r.OrderNumber));
        Assert.Empty(subject.TravelPermissions);
        Assert.Equal(43, (await grain.GetHistory()).Count);
    }

    [Fact]
    public async Task A_subject_loaded_from_old_state_takes_new_changes_and_stores_them()
    {
        var grain = await StoredAsync(Person, "张三", Document("person-removed-for-each-reason.json"));
        var standalone = (await grain.GetSnapshot())!.Restrictions.Single(r => r.Basis == RestrictionBasis.Standalone && r.Status == RestrictionStatus.Active);

        var permitted = await grain.GrantTravelPermission(new GrantTravelPermission(standalone.Id, "C01", new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 4),
            TravelNecessity.Funeral, "祖母丧葬"), Court());
        Assert.Null(permitted.Refusal);
        await cluster.DeactivateAsync(grain);

        var reloaded = (await grain.GetSnapshot())!;
        Assert.Equal(44, reloaded.Version);
        Assert.Equal(permitted.ItemId, Assert.Single(reloaded.TravelPermissions).Id);
        Assert.Equal(RemovalReason.NoPropertyAfterClosure, reloaded.Listings.Single(l => l.End?.Explanation == "removed for ProcedureTerminated").End!.Reason);
    }

    [Fact]
    public async Task State_written_with_escaped_chinese_characters_loads_and_is_stored_again_with_them_as_they_are()
    {
        // Earlier versions wrote every Chinese character as a \u escape; today's store them as UTF-8.
        var escaped = System.Text.Json.Nodes.JsonNode.Parse(Document("person-removed-for-each-reason.json"))!.ToJsonString();
        Assert.Contains("\\u", escaped);
        var grain = await StoredAsync(Person, "张三", escaped);
        var loaded = (await grain.GetSnapshot())!;
        var standalone = loaded.Restrictions.Single(r => r.Basis == RestrictionBasis.Standalone && r.Status == RestrictionStatus.Active);

        var permitted = await grain.GrantTravelPermission(new GrantTravelPermission(standalone.Id, "C01", new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 4),
            TravelNecessity.Funeral, "祖母丧葬"), Court());
        Assert.Null(permitted.Refusal);
        await cluster.DeactivateAsync(grain);

        Assert.Equal(loaded.Profile.Name, (await grain.GetSnapshot())!.Profile.Name);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var stored = new NpgsqlCommand("SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE grainidextensionstring = $1", connection);
        stored.Parameters.Add(new NpgsqlParameter { Value = Person });
        var text = (string)(await stored.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        Assert.Contains("祖母丧葬", text);
        Assert.Contains(loaded.Profile.Name, text);
        Assert.DoesNotContain("\\u", text);
    }

    [Fact]
    public async Task Entity_listed_with_a_single_legal_representative_loads_and_its_representative_stays_restricted()
    {
        var entity = await StoredAsync(ListedEntity, "广州某某贸易有限公司", Document("entity-listed-with-representative.json"));
        var representative = await StoredAsync(Representative, "李四", Document("representative-restricted-for-entity.json"));

        var listing = (await entity.GetSnapshot())!.Listings.Single(l => l.Status == ListingStatus.Active);
        var restrictions = (await representative.GetSnapshot())!.Restrictions;

        // The single legal representative of old is the listing's one responsible person, in that role.
        Assert.Equal([new ResponsiblePerson(SubjectId.Parse(Representative), "李四", ResponsibleRole.LegalRepresentative)], listing.ResponsiblePersons);
        var personal = restrictions.Single(r => r.SourceListingId == listing.Id);
        Assert.Equal((RestrictionBasis.ResponsiblePerson, RestrictionStatus.Active, SubjectId.Parse(ListedEntity)),
            (personal.Basis, personal.Status, personal.RepresentedEntity!.Value));
    }

    [Fact]
    public async Task Removing_an_old_entity_listing_frees_its_legal_representative()
    {
        var entity = await StoredAsync(ListedEntity, "广州某某贸易有限公司", Document("entity-listed-with-representative.json"));
        var representative = await StoredAsync(Representative, "李四", Document("representative-restricted-for-entity.json"));
        var listing = (await entity.GetSnapshot())!.Listings.Single(l => l.Status == ListingStatus.Active);

        var removed = await entity.RemoveListing(new RemoveListing(listing.Id, RemovalReason.FullPerformance, "已全部履行", false), Court());

        Assert.Null(removed.Refusal);
        var personal = (await representative.GetSnapshot())!.Restrictions.Single(r => r.SourceListingId == listing.Id);
        Assert.Equal((RestrictionStatus.Lifted, RestrictionLiftReason.ListingRemoved), (personal.Status, personal.Lift!.Reason));
    }

    [Fact]
    public async Task Deliveries_owed_to_a_legal_representative_in_old_state_are_made_after_loading()
    {
        var representative = await StoredAsync(Representative, "李四", Document("representative-restricted-for-entity.json"));
        var entity = await StoredAsync(OwingEntity, "广州另一贸易有限公司", Document("entity-owing-its-representative.json"));

        // Activating the entity hands over what it owed: restrict for both listings, then free for the removed one.
        var listings = (await entity.GetSnapshot())!.Listings;

        var owed = (await representative.GetSnapshot())!.Restrictions.Where(r => r.RepresentedEntity == SubjectId.Parse(OwingEntity)).ToList();
        Assert.Equal(2, owed.Count);
        // Deliveries stored before roles were recorded concern the legal representative.
        Assert.All(owed, r => Assert.Equal((RestrictionBasis.ResponsiblePerson, ResponsibleRole.LegalRepresentative), (r.Basis, r.Role)));
        Assert.Equal(RestrictionStatus.Active, owed.Single(r => r.SourceListingId == listings.Single(l => l.Status == ListingStatus.Active).Id).Status);
        Assert.Equal(RestrictionStatus.Lifted, owed.Single(r => r.SourceListingId == listings.Single(l => l.Status == ListingStatus.Removed).Id).Status);
    }
}
