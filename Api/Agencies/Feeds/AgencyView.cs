using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.Api.Agencies.Feeds;

/// <summary>Cuts a subject down to what one agency may see (data minimisation).</summary>
public static class AgencyView
{
    /// <summary>The agency's entry for the subject, or null when none of its measures applies.</summary>
    public static AgencyEntry? Of(InterceptionRow row, AgencyScope scope)
    {
        var holds = new List<AgencyHold>();
        var measures = new List<string>();
        foreach (var hold in row.Holds)
        {
            var applying = scope.MeasuresFor(hold.Trigger).Select(m => m.Code).ToList();
            if (applying.Count == 0)
                continue;
            measures.AddRange(applying.Where(code => !measures.Contains(code)));
            var courtAndCase = scope.Receives(AgencyField.CourtAndCase);
            var period = scope.Receives(AgencyField.Period);
            var representative = scope.Receives(AgencyField.LegalRepresentative);
            holds.Add(new AgencyHold(
                hold.Trigger.ToString(), applying,
                courtAndCase ? hold.Court : null, courtAndCase ? hold.CaseNumber : null,
                period ? hold.Since : null, period ? hold.Until : null,
                scope.Receives(AgencyField.AmountOwed) ? hold.AmountOwed : null,
                representative ? hold.LegalRepresentative : null, representative ? hold.RepresentedEntity : null));
        }
        if (holds.Count == 0)
            return null;
        var personal = scope.Receives(AgencyField.SexAndBirthDate);
        return new AgencyEntry(
            row.DocumentType, row.IdNumber, row.IsEntity,
            scope.Receives(AgencyField.Name) ? row.Name : null,
            personal ? row.Sex : null, personal ? row.BirthDate : null,
            [.. scope.Measures.Select(m => m.Code).Where(measures.Contains)], holds);
    }

    /// <summary>Whether the agency's view moved from <paramref name="before"/> to <paramref name="after"/>, and how.</summary>
    public static AgencyChange? Change(long position, InterceptionRow before, InterceptionRow after, AgencyScope scope)
    {
        var was = Of(before, scope);
        var now = Of(after, scope);
        return (was, now) switch
        {
            (null, null) => null,
            (null, { } added) => new AgencyChange(position, AgencyChangeType.Added, added),
            ({ } removed, null) => new AgencyChange(position, AgencyChangeType.Removed, removed with { Holds = [], Measures = [] }),
            ({ } old, { } current) when Same(old, current) => null,
            (_, { } changed) => new AgencyChange(position, AgencyChangeType.Changed, changed),
        };
    }

    private static bool Same(AgencyEntry a, AgencyEntry b) =>
        System.Text.Json.JsonSerializer.Serialize(a, InterceptionJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, InterceptionJson.Options);
}
