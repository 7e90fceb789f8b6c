using Credit.Grains.Subjects;
using Credit.Hosting.Storage;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Credit.Hosting.Reconciliation;

/// <summary>Reads a subject grain's state from its stored bytes, with the serializer the silo reads it with
/// (System.Text.Json grain storage on Orleans' default options, earlier shapes upgraded), without activating the grain.</summary>
public static class StoredSubjectState
{
    private static readonly SubjectStateSerializer Serializer = new(new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())));

    public static SubjectState Read(byte[] payload) =>
        Serializer.Deserialize<SubjectState>(new BinaryData(payload)) ?? throw new InvalidDataException("A stored subject state is JSON null.");
}
