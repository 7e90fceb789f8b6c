using System.Globalization;
using Credit.ReadModels.BulkJobs;

namespace Credit.Api.Bulk;

/// <summary>A row's idempotency key is what it asks (its fingerprint), wherever it stands in the file, so that a file sent
/// again with rows added, removed or moved answers the rows it shares as applied. The same request twice in one file is two
/// changes all the same: the second and later get a fingerprint of their own (<c>#2</c>, <c>#3</c> ...), in file order.</summary>
public sealed class RepeatedRows
{
    // The fingerprint's first 64 bits: a false repeat only gives a row a key of its own, which changes nothing.
    private readonly HashSet<ulong> seen = [];
    private readonly Dictionary<string, int> times = new(StringComparer.Ordinal);

    public NewBulkRow Told(NewBulkRow row)
    {
        if (row.Command is not { } command || seen.Add(ulong.Parse(command.Fingerprint.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            return row;
        var time = times[command.Fingerprint] = times.GetValueOrDefault(command.Fingerprint, 1) + 1;
        // A new row rather than `with`: the row's stored JSON is made when it is constructed.
        return new NewBulkRow(row.Line, row.Action, row.DocumentType, row.Number, row.SubjectKey,
            command with { Fingerprint = $"{command.Fingerprint}#{time}" }, row.Problems);
    }
}
