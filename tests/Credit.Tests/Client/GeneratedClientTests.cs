using Credit.Client;
using Credit.Tests.Infrastructure;
using NSwag;

namespace Credit.Tests.Client;

/// <summary>The NSwag-generated client (clients/Credit.Client) against the real platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GeneratedClientTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Committed_openapi_document_and_client_match_what_the_platform_serves()
    {
        var served = await OpenApiDocument.FromJsonAsync(await fixture.Platform.Client().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        served.Servers.Clear();

        var committed = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi.committed.json"), TestContext.Current.CancellationToken);

        Assert.True(served.ToJson() == committed,
            "clients/Credit.Client is stale: run ./credit client to regenerate it from the served document");
    }

    [Fact]
    public async Task A_court_lists_corrects_and_removes_through_the_generated_client_and_the_public_sees_it()
    {
        using var http = fixture.Platform.Client(PlatformFixture.Liwan);
        var court = new CreditClient(http);
        var id = Identities.AdultResidentId();
        var name = Publication.PublicSearchApiTests.UniqueName();
        var caseNumber = CourtRequests.CaseNumber();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var listing = await court.CreateListingAsync("resident-id", id, Guid.NewGuid().ToString(), new CreateListingRequest
        {
            Subject = new SubjectRequest { Name = name },
            CaseNumber = caseNumber,
            EnforcementBasis = new EnforcementBasisRequest { Issuer = "广州市荔湾区人民法院", DocumentNumber = "(2024)粤0103民初88号" },
            Obligation = "支付借款本金及利息",
            AmountOwed = 250000m,
            Performance = new PerformanceRequest { Status = PerformanceStatus.NotPerformed, AmountPerformed = 0 },
            Grounds = [new GroundRequest { Ground = DishonestGround.RefusesDespiteAbility, Behaviour = "有履行能力而拒不履行" }],
            FilingDate = new DateOnly(today.Year, 1, 2),
            PublicationDate = today,
            DecisionNumber = $"{caseNumber}之一",
            DecisionDate = today,
            Initiative = ListingInitiative.CreditorApplication,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(ListingStatus.Active, listing.Status);

        var found = await new CreditClient(fixture.Platform.Client()).SearchPublicListingsAsync(name, null, null, null, null, null, null, null, TestContext.Current.CancellationToken);
        Assert.Equal(listing.Id, Assert.Single(found.Items).ListingId);

        var refused = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => court.ExtendListingAsync("resident-id", id, listing.Id,
            Guid.NewGuid().ToString(), new ExtendListingRequest { Years = 1, Explanation = "延长", Condition = ExtensionCondition.SeveralDishonestActs }, TestContext.Current.CancellationToken));
        Assert.Equal(409, refused.StatusCode);

        var removed = await court.RemoveListingAsync("resident-id", id, listing.Id, Guid.NewGuid().ToString(),
            new RemoveListingRequest { Reason = RemovalReason.FullPerformance, Explanation = "已全部履行" }, TestContext.Current.CancellationToken);
        Assert.Equal(ListingStatus.Removed, removed.Status);
        Assert.Empty((await new CreditClient(fixture.Platform.Client()).SearchPublicListingsAsync(name, null, null, null, null, null, null, null, TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task An_agency_reads_its_snapshot_typed_with_its_position_and_a_check_with_how_current_it_is()
    {
        using var http = fixture.Platform.Client(PlatformFixture.Liwan);
        var id = Identities.AdultResidentId();
        Assert.True((await http.PostAsync($"{CourtRequests.Person(id)}/listings", CourtRequests.PersonListing(CourtRequests.CaseNumber()))).IsSuccessStatusCode);
        var railway = new CreditClient(fixture.Platform.Client(Agencies.AgencyKeys.Railway));

        // The check index follows the change log a few milliseconds behind the court's answer.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var checkedNow = await railway.CheckSubjectWithFreshnessAsync("railway", id, TestContext.Current.CancellationToken);
        while (checkedNow.Result.Status != CheckStatus.Hit && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            checkedNow = await railway.CheckSubjectWithFreshnessAsync("railway", id, TestContext.Current.CancellationToken);
        }
        var snapshot = await railway.ReadAgencySnapshotAsync("railway", TestContext.Current.CancellationToken);

        Assert.Equal(CheckStatus.Hit, checkedNow.Result.Status);
        Assert.InRange(checkedNow.AgeSeconds!.Value, 0, 60);
        Assert.InRange(checkedNow.ConfirmedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(snapshot.Position > 0);
        var entry = Assert.Single(snapshot.Entries, e => e.IdNumber == id);
        Assert.Contains("C01", entry.Measures);
        var after = await railway.GetAgencyChangesAsync("railway", snapshot.Position, null, null, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(after.Changes, c => c.Position <= snapshot.Position);
    }
}
