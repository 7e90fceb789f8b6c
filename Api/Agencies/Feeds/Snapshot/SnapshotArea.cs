using System.Text;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>Whether a snapshot row lies in a unit's area, by the rule of <see cref="AgencyView.InArea"/>, read from the row's
/// bytes: the document decides almost every row, and only a row whose document names no region has its holds parsed.</summary>
public static class SnapshotArea
{
    private const int LongestNumber = 32;

    private static readonly (byte[] Name, DocumentType Type)[] DocumentTypes =
        [.. Enum.GetValues<DocumentType>().Select(t => (Encoding.UTF8.GetBytes(t.ToString()), t))];

    public static bool Contains(Area area, SnapshotRow row, InterceptionTriggers followed)
    {
        if (!TryTypeOf(row.DocumentType, out var type) || row.IdNumber.Length > LongestNumber)
            return AgencyView.InArea(area, Parsed(row), followed);
        Span<char> number = stackalloc char[LongestNumber];
        var length = Encoding.UTF8.GetChars(row.IdNumber, number);
        return area.Contains(type, number[..length], CourtsOf(row, followed));
    }

    private static bool TryTypeOf(byte[] name, out DocumentType type)
    {
        foreach (var (bytes, candidate) in DocumentTypes)
        {
            if (name.AsSpan().SequenceEqual(bytes))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    // Enumerated only when the document names no region.
    private static IEnumerable<string> CourtsOf(SnapshotRow row, InterceptionTriggers followed)
    {
        foreach (var hold in InterceptionJson.Read(row.Holds))
        {
            if ((hold.Trigger & followed) != 0)
                yield return hold.Court;
        }
    }

    private static InterceptionRow Parsed(SnapshotRow row) => new(
        Encoding.UTF8.GetString(row.DocumentType), Encoding.UTF8.GetString(row.IdNumber), Encoding.UTF8.GetString(row.Name),
        row.Sex is null ? null : Encoding.UTF8.GetString(row.Sex), row.BirthDate, InterceptionJson.Read(row.Holds));
}
