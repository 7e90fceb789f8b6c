using Credit.Hosting.Reconciliation;
using System.Text;
using Credit.Api.Publication;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Subjects;

namespace Credit.Tests.GrainStorage;

/// <summary>The reconciliation command reads stored state without the silo (<see cref="StoredSubjectState"/>); it reads
/// what earlier versions stored as the silo does.</summary>
public sealed class StoredStateReconciliationTests
{
    [Theory]
    [InlineData("person-removed-for-each-reason.json", 43)]
    [InlineData("entity-listed-with-representative.json", 6)]
    [InlineData("entity-owing-its-representative.json", 6)]
    [InlineData("representative-restricted-for-entity.json", 3)]
    public void Reconciliation_reads_old_state_as_the_silo_does(string name, long version)
    {
        var state = StoredSubjectState.Read(Encoding.UTF8.GetBytes(StoredStateCompatibilityTests.Document(name)));

        Assert.Equal(version, state.ToSnapshot()!.Version);
        Assert.Equal(version, state.History.Count);
    }

    [Fact]
    public void Reconciliation_reads_an_old_single_legal_representative_as_the_listings_responsible_person()
    {
        var state = StoredSubjectState.Read(Encoding.UTF8.GetBytes(StoredStateCompatibilityTests.Document("entity-listed-with-representative.json")));

        Assert.All(state.Listings, listing => Assert.Equal(
            [new ResponsiblePerson(SubjectId.Parse("p:440103197508201232"), "李四", ResponsibleRole.LegalRepresentative)], listing.ResponsiblePersons));
    }
}
