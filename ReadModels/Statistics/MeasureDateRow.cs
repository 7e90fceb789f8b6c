namespace Credit.ReadModels.Statistics;

/// <summary>One row of <c>measure_dates</c>: a measure of a subject and the day the statistics count it on.</summary>
/// <param name="Measure">What it is: <see cref="MeasureDates.Listing"/>, <see cref="MeasureDates.Restriction"/> or
/// <see cref="MeasureDates.ExitBan"/>.</param>
/// <param name="Court">The court whose measure it is.</param>
public sealed record MeasureDateRow(Guid ItemId, string SubjectKey, string Measure, string Court, DateOnly CountedOn);
