using Credit.Grains.Interfaces.Listings;
using Credit.Grains.Interfaces.Objections;
using Credit.Grains.Interfaces.Time;
using Credit.ReadModels.Statistics;

namespace Credit.Api.Statistics;

/// <summary>Hits an agency reported for one measure with one outcome.</summary>
public sealed record HitCount(string Agency, string Measure, string Outcome, long Count);

/// <summary>One court's figures for one month (China time); <see cref="Court"/> is "*" in the totals.</summary>
/// <param name="Listings">Debtors newly listed (列入失信被执行人名单), in the month of the listing's publication date.</param>
/// <param name="Restrictions">Consumption restrictions imposed, those that come with a listing and those of responsible persons included, in the
/// month they are effective from.</param>
/// <param name="ExitBans">Exit bans imposed, in the month they start.</param>
/// <param name="Removals">Listings removed, by reason (Arts. 2, 9, 10, 12), expiries included.</param>
/// <param name="RemovalsAfterPerformance">Removals because the debtor performed in full or by settlement (Art. 10 ¶1(1), (2)).</param>
/// <param name="AmountOwedPerformed">The amounts owed by the listings removed after performance: what debtors paid after being listed.</param>
/// <param name="ObjectionsReceived">Objections filed (Art. 11).</param>
/// <param name="ObjectionsUpheld">Of them, upheld by the court or on reconsideration.</param>
/// <param name="ObjectionsOverdue">Of them, open now past their deadline.</param>
/// <param name="Hits">Interceptions the agencies reported, by agency, measure and outcome.</param>
public sealed record CourtMonthStatistics(string Court, string Month, long Listings, long Restrictions, long ExitBans, IReadOnlyDictionary<string, long> Removals,
    long RemovalsAfterPerformance, decimal AmountOwedPerformed, long ObjectionsReceived, long ObjectionsUpheld, long ObjectionsOverdue, long HitsTotal,
    IReadOnlyList<HitCount> Hits)
{
    public static List<CourtMonthStatistics> Build(IReadOnlyList<StatisticsCount> counts, IReadOnlyList<ObjectionDates> open, WorkingDayCalendar calendar,
        DateOnly today)
    {
        var overdue = open.Where(o => ObjectionDeadlines.Current(Enum.Parse<ObjectionStatus>(o.Status), o.FiledOn, o.DecidedOn, o.ReconsiderationRequestedOn,
                o.ReconsiderationDecidedOn, calendar)?.OverdueOn(today) == true)
            .CountBy(o => (o.Court, o.Month)).ToDictionary(p => p.Key, p => (long)p.Value);
        var cells = counts.Select(c => (c.Court, c.Month)).Concat(overdue.Keys).Distinct().OrderBy(c => c.Court, StringComparer.Ordinal).ThenBy(c => c.Month);
        return [.. cells.Select(cell => Of(cell.Court, cell.Month, [.. counts.Where(c => c.Court == cell.Court && c.Month == cell.Month)],
            overdue.GetValueOrDefault(cell)))];
    }

    public static CourtMonthStatistics Of(string court, string month, IReadOnlyList<StatisticsCount> counts, long overdue)
    {
        long Count(string metric, string key) => counts.Where(c => c.Metric == metric && c.Key == key).Sum(c => c.Count);
        var removals = counts.Where(c => c.Metric == "removals").ToList();
        var performed = removals.Where(r => Enum.TryParse<RemovalReason>(r.Key, out var reason) && reason.IsPerformance()).ToList();
        var hits = counts.Where(c => c.Metric == "hits").Select(c => c.Key.Split('|')).Zip(counts.Where(c => c.Metric == "hits"))
            .GroupBy(h => (h.First[0], h.First[1], h.First[2]))
            .Select(g => new HitCount(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Sum(h => h.Second.Count)))
            .OrderBy(h => h.Agency, StringComparer.Ordinal).ThenBy(h => h.Measure, StringComparer.Ordinal).ThenBy(h => h.Outcome, StringComparer.Ordinal).ToList();
        return new CourtMonthStatistics(court, month, Count("measures", MeasureDates.Listing), Count("measures", MeasureDates.Restriction),
            Count("measures", MeasureDates.ExitBan),
            removals.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)), performed.Sum(r => r.Count), performed.Sum(r => r.AmountOwed),
            Count("objections", "received"), Count("objections", "upheld"), overdue, hits.Sum(h => h.Count), hits);
    }
}

/// <summary>The figures of the courts a court may see, per court and month, and their totals.</summary>
public sealed record StatisticsReport(string Court, string From, string To, IReadOnlyList<CourtMonthStatistics> Months, CourtMonthStatistics Totals);

/// <summary>The city's totals for the public: counts only, no subject, no case, no court below the city.</summary>
public sealed record PublicStatistics(string Region, string From, string To, long Listings, long Restrictions, long ExitBans, long Removals,
    long RemovalsAfterPerformance, long ObjectionsReceived, long ObjectionsUpheld, long Hits);
