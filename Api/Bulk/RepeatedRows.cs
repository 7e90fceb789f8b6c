using System.Globalization;
using Credit.ReadModels.BulkJobs;

namespace Credit.Api.Bulk;

/// <summary>A row's idempotency key is what it asks (its fingerprint), wherever it stands in the file, so that a file sent
/// again with rows added, removed or moved answers the rows it shares as applied. The same request twice in one file is two
/// changes all the same: the second and later get a fingerprint of their own (<c>#2</c>, <c>#3</c> ...), in file order.</summary>
public sealed class RepeatedRows
{
    // Counted by the fingerprint's first 64 bits: a false repeat only gives a row a key of its own, which changes nothing.
    private readonly Dictionary<ulong, int> times = [];

    public NewBulkRow Told(NewBulkRow row)
    {
        if (row.Command is not { } command)
            return row;
        var key = ulong.Parse(command.Fingerprint.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var time = times[key] = times.GetValueOrDefault(key) + 1;
        if (time == 1)
            return row;
        // A new row rather than `with`: the row's stored JSON is made when it is constructed.
        return new NewBulkRow(row.Line, row.Action, row.DocumentType, row.Number, row.SubjectKey,
            command with { Fingerprint = $"{command.Fingerprint}#{time}" }, row.Problems);
    }
}
