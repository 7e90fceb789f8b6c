using System.Globalization;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Regions;
using Credit.Grains.Interfaces.Agencies;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Rules;

namespace Credit.Api.Agencies.Checks;

/// <summary>Answers whether subjects are intercepted by an agency's measures, from the in-memory index.</summary>
public sealed class Checker(InterceptionIndex index, TimeProvider clock)
{
    public const int MaxBatch = 10_000;

    public CheckResult Check(string? id, AgencyScope scope, DateOnly today)
    {
        if (!TryKey(id, today, out var key, out var reason))
            return new CheckResult(id, CheckStatus.Invalid, reason, []);
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
                (hits ??= []).Add(new CheckHit(codes[i], hold.Court, hold.CaseNumber));
        }
        return hits is null ? new CheckResult(id, CheckStatus.Clear, null, []) : new CheckResult(id, CheckStatus.Hit, null, hits);
    }

    public DateOnly Today() => clock.Today();

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

    /// <summary>The subject key of an ID as agencies send it, in checks and hit reports. Resident IDs are matched by
    /// number (passports are linked to it since 2016). A number failing its check character is answered Invalid
    /// rather than Clear: a typing error must not read as "not restricted". That holds even when the mistyped number
    /// passes as an all-digit credit code, which is why a text shaped like a resident ID is only ever read as one. A resident ID
    /// whose birth date is after <paramref name="today"/> (China time) is Invalid too: nobody holds it yet, so it is a typing
    /// error, and the court could not have listed it (Art. 4).</summary>
    public static bool TryKey(string? id, DateOnly today, out string key, out string reason)
    {
        key = "";
        reason = "";
        var text = id?.Trim() ?? "";
        if (text.Length is 0 or > 40)
        {
            reason = "must be an 18-character resident ID or credit code, or a subject key such as pp:E12345678";
            return false;
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (SubjectId.TryParse(text, null, out var subject))
            {
                if (subject.ResidentId is { } keyed && BornAfter(keyed, today, out reason))
                    return false;
                key = subject.Key;
                return true;
            }
            reason = "is not a valid subject key (p:, e:, pp:, hm: or tw: and a valid number)";
            return false;
        }
        if (ResidentId.TryParse(text, out var resident, out var residentError))
        {
            if (BornAfter(resident, today, out reason))
                return false;
            key = SubjectId.For(resident).Key;
            return true;
        }
        if (ResidentId.HasTheShapeOf(text))
        {
            reason = $"is not a valid resident ID: {residentError} (a credit code of this shape is sent as its subject key, e:{text})";
            return false;
        }
        if (CreditCode.TryParse(text, out var code, out _))
        {
            key = SubjectId.For(code).Key;
            return true;
        }
        reason = $"is neither a resident ID ({residentError}) nor a credit code";
        return false;
    }

    private static bool BornAfter(ResidentId id, DateOnly today, out string reason)
    {
        reason = id.BirthDate > today ? $"is not a valid resident ID: its birth date {id.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future" : "";
        return reason.Length > 0;
    }
}
