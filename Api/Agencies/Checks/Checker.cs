using Credit.Api.Agencies.Access;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Agencies.Checks;

/// <summary>Answers whether subjects are intercepted by an agency's measures, from the in-memory index.</summary>
public sealed class Checker(InterceptionIndex index, TimeProvider clock)
{
    public const int MaxBatch = 10_000;

    public CheckResult Check(string? id, AgencyScope scope, DateOnly today)
    {
        if (!SubjectId.TryParseFromAgency(id, today, out var subject, out var reason))
            return new CheckResult(id, CheckStatus.Invalid, reason, []);
        var key = subject.Key;
        if (scope.Area is { } area && !InArea(area, key, index.Find(key), scope.Triggers))
            return new CheckResult(id, CheckStatus.OutsideArea, OutsideAreaReason, []);
        if (index.Find(key) is not { } holds)
            return new CheckResult(id, CheckStatus.Clear, null, []);
        List<CheckHit>? hits = null;
        foreach (var hold in holds)
        {
            if (!hold.InForceOn(today))
                continue;
            var codes = scope.MeasureCodesFor(hold.Trigger);
            for (var i = 0; i < codes.Count; i++)
                (hits ??= []).Add(new CheckHit(codes[i], hold.Court, hold.CaseNumber, PermissionFor(hold, codes[i], today)));
        }
        return hits is null ? new CheckResult(id, CheckStatus.Clear, null, []) : new CheckResult(id, CheckStatus.Hit, null, hits);
    }

    public DateOnly Today() => clock.Today();

    /// <summary>Consumption rules Art. 8: the court's permission that lets the subject through this measure today, if any.</summary>
    private static HoldPermission? PermissionFor(IndexedHold hold, string measure, DateOnly today)
    {
        if (hold.Permissions is not { } permissions)
            return null;
        foreach (var permission in permissions)
        {
            if (permission.Measure == measure && permission.CoversDay(today))
                return permission;
        }
        return null;
    }

    private const string OutsideAreaReason =
        "is not in this unit's area: the region of the number (where a resident ID was issued, where an entity was registered) " +
        "lies elsewhere, or, for a document that names no district, no court of the area enforces a hold of this agency's measures on it";

    /// <summary>The rule of <see cref="Feeds.AgencyView.InArea"/> for a subject key and the index's holds.</summary>
    private static bool InArea(Area area, string key, IndexedHold[]? holds, InterceptionTriggers followed)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return DocumentTypes.TryParsePrefix(key[..colon], out var type)
            && area.Contains(type, key.AsSpan(colon + 1), (holds ?? []).Where(h => (h.Trigger & followed) != 0).Select(h => h.Court));
    }
}
