using Credit.Api.Agencies.Catalogue;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Identifiers;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Hits;

namespace Credit.Api.Agencies.Hits;

/// <summary>A court's question about its hits as it arrives in the query string, checked before any query runs.</summary>
public static class HitQueryRequest
{
    public const int DefaultLimit = 50;
    public const int MaximumLimit = 200;

    /// <summary>Checks the query string. The period is given in China-time days, both ends included.</summary>
    public static HitQuery Validate(CourtCode court, DateOnly? from, DateOnly? to, string? agency, int? limit, string? cursor,
        AgencyCatalogue catalogue, RequestErrors errors)
    {
        var (start, end) = Period(from, to, errors);
        agency = string.IsNullOrWhiteSpace(agency) ? null : agency.Trim();
        if (agency is not null && !catalogue.Agencies.ContainsKey(agency))
            errors.Add("agency", "must be the code of an agency in the registry, e.g. railway");
        if (limit is < 1 or > MaximumLimit)
            errors.Add("limit", $"must be 1 to {MaximumLimit}");
        if (!HitCursor.TryDecode(cursor, out var after))
            errors.Add("cursor", "is not a cursor this service gave out");
        return new HitQuery(court, start, end, agency, limit ?? DefaultLimit, after);
    }

    public static (DateTimeOffset? Start, DateTimeOffset? End) Period(DateOnly? from, DateOnly? to, RequestErrors errors)
    {
        var first = errors.OptionalDate(from, "from");
        var last = errors.OptionalDate(to, "to");
        if (first is not null && last is not null && first > last)
            errors.Add("to", "must not be before from");
        if (errors.Any)
            return (null, null);
        return (first is { } start ? StartOf(start) : null, last is { } end ? StartOf(end.AddDays(1)) : null);
    }

    private static DateTimeOffset StartOf(DateOnly day) => ChinaTime.StartOf(day).ToUniversalTime();
}
