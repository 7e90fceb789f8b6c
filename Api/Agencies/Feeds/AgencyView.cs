using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Identifiers;
using Credit.ReadModels.Interceptions;
using Credit.ReadModels.Interceptions.Areas;

namespace Credit.Api.Agencies.Feeds;

/// <summary>Cuts a subject down to what one agency may see (data minimisation).</summary>
public static class AgencyView
{
    /// <summary>The agency's entry for the subject on <paramref name="day"/>, or null when none of its measures applies
    /// then (only holds in force that day count). Runs once per row of a snapshot (a million at a time), hence the plain
    /// loops.</summary>
    public static AgencyEntry? Of(InterceptionRow row, AgencyScope scope, DateOnly day)
    {
        if (scope.Area is { } area && !InArea(area, row, scope.Triggers))
            return null;
        List<AgencyHold>? holds = null;
        var triggers = InterceptionTriggers.None;
        var courtAndCase = scope.Receives(AgencyField.CourtAndCase);
        var period = scope.Receives(AgencyField.Period);
        var amountOwed = scope.Receives(AgencyField.AmountOwed);
        var representative = scope.Receives(AgencyField.LegalRepresentative);
        foreach (var hold in row.Holds)
        {
            if (!hold.InForceOn(day))
                continue;
            var applying = scope.MeasureCodesFor(hold.Trigger);
            if (applying.Count == 0)
                continue;
            triggers |= hold.Trigger;
            (holds ??= new List<AgencyHold>(row.Holds.Count)).Add(new AgencyHold(
                KindOf(hold.Trigger), applying,
                courtAndCase ? hold.Court : null, courtAndCase ? hold.CaseNumber : null,
                courtAndCase ? hold.DecisionNumber : null, courtAndCase ? hold.DecisionDate : null,
                period ? hold.Since : null, period ? hold.Until : null,
                amountOwed ? hold.AmountOwed : null,
                representative ? hold.LegalRepresentative : null, representative ? hold.RepresentedEntity : null,
                PermissionsFor(hold, applying, day)));
        }
        if (holds is null)
            return null;
        var personal = scope.Receives(AgencyField.SexAndBirthDate);
        // The measures of all the holds together, in catalogue order.
        return new AgencyEntry(
            row.DocumentType, row.IdNumber, row.IsEntity,
            scope.Receives(AgencyField.Name) ? row.Name : null,
            personal ? row.Sex : null, personal ? row.BirthDate : null,
            scope.MeasureCodesFor(triggers), holds);
    }

    /// <summary>Whether the agency's view moved from <paramref name="before"/> as it stood on <paramref name="beforeOn"/>
    /// to <paramref name="after"/> as it stands on <paramref name="afterOn"/>, and how. The two days differ when time
    /// alone moved the view: an exit ban began, a hold passed its last day.</summary>
    public static AgencyChange? Change(long position, InterceptionRow before, DateOnly beforeOn, InterceptionRow after, DateOnly afterOn, AgencyScope scope)
    {
        var was = Of(before, scope, beforeOn);
        var now = Of(after, scope, afterOn);
        return (was, now) switch
        {
            (null, null) => null,
            (null, { } added) => new AgencyChange(position, AgencyChangeType.Added, added),
            ({ } removed, null) => new AgencyChange(position, AgencyChangeType.Removed, removed with { Holds = [], Measures = [] }),
            ({ } old, { } current) when Same(old, current) => null,
            (_, { } changed) => new AgencyChange(position, AgencyChangeType.Changed, changed),
        };
    }

    /// <summary>Consumption rules Art. 8: the hold's permissions for necessary travel that let the subject through one of
    /// <paramref name="applying"/> on <paramref name="day"/> or later; one that ended is of no use to the agency any more.</summary>
    public static IReadOnlyList<HoldPermission>? PermissionsFor(InterceptionHold hold, IReadOnlyList<string> applying, DateOnly day)
    {
        if (hold.Permissions is not { Count: > 0 } permissions)
            return null;
        List<HoldPermission>? seen = null;
        foreach (var permission in permissions)
        {
            if (permission.Until >= day && applying.Contains(permission.Measure))
                (seen ??= []).Add(permission);
        }
        return seen;
    }

    /// <summary>Whether a unit's area holds the subject (<see cref="Area.Contains(DocumentType, ReadOnlySpan{char}, IEnumerable{string})"/>).</summary>
    public static bool InArea(Area area, InterceptionRow row, InterceptionTriggers followed) =>
        Enum.TryParse<DocumentType>(row.DocumentType, out var type)
        && area.Contains(type, row.IdNumber, row.Holds.Where(h => (h.Trigger & followed) != 0).Select(h => h.Court));

    /// <summary>A hold's kind as agencies read it (<see cref="AgencyHold.Kind"/>); a hold has exactly one trigger.</summary>
    public static string KindOf(InterceptionTriggers trigger) => trigger switch
    {
        InterceptionTriggers.DishonestListing => nameof(InterceptionTriggers.DishonestListing),
        InterceptionTriggers.ConsumptionRestriction => nameof(InterceptionTriggers.ConsumptionRestriction),
        InterceptionTriggers.ExitBan => nameof(InterceptionTriggers.ExitBan),
        _ => trigger.ToString(),
    };

    private static bool Same(AgencyEntry a, AgencyEntry b) =>
        System.Text.Json.JsonSerializer.Serialize(a, InterceptionJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, InterceptionJson.Options);
}
