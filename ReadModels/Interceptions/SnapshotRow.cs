using System.Text;
using Credit.Grains.Interfaces.Identifiers;

namespace Credit.ReadModels.Interceptions;

/// <summary>One row of <c>intercepted_subjects</c> as a snapshot reads it: the text columns as UTF-8, as PostgreSQL
/// sends them, since they are only ever copied into the agency's lines.</summary>
public sealed record SnapshotRow(byte[] DocumentType, byte[] IdNumber, byte[] Name, byte[]? Sex, DateOnly? BirthDate, byte[] Holds)
{
    private static readonly byte[] CreditCode = Encoding.UTF8.GetBytes(nameof(Grains.Interfaces.Identifiers.DocumentType.CreditCode));

    public bool IsEntity => DocumentType.AsSpan().SequenceEqual(CreditCode);
}
