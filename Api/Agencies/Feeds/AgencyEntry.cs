using System.Text.Json.Serialization;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Feeds;

/// <summary>One subject as an agency receives it: always the document and the agency's own intercepting
/// measures; everything else only if the registry grants the agency that field, and left out otherwise (in the changes as
/// in the snapshot).</summary>
public sealed record AgencyEntry(
    string DocumentType,
    string IdNumber,
    bool IsEntity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sex,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? BirthDate,
    IReadOnlyList<string> Measures,
    IReadOnlyList<AgencyHold> Holds);

/// <summary>One listing, restriction or exit ban behind the agency's measures.</summary>
/// <param name="DecisionNumber">With the court and case: the number of the decision the hold rests on (list rules Art. 5:
/// the listing decision, the restriction order, the exit-ban decision), where one was recorded.</param>
/// <param name="DecisionDate">With the court and case: that decision's date, where one was recorded.</param>
/// <param name="Permissions">The court's permissions for necessary travel under this hold (consumption rules Art. 8) that
/// name one of the agency's measures and have not ended: the person is still restricted, and is let through that measure
/// on the days from and until, both included; a report of doing so names the permission's id. Null when there are none.</param>
public sealed record AgencyHold(
    string Kind,
    IReadOnlyList<string> Measures,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Court,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CaseNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DecisionNumber,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? DecisionDate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Since,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateOnly? Until,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? AmountOwed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LegalRepresentative,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RepresentedEntity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HoldPermission>? Permissions = null);

/// <summary>What happened to a subject in an agency's feed, at a change-log position.</summary>
public enum AgencyChangeType
{
    /// <summary>Now intercepted by this agency's measures.</summary>
    Added,
    /// <summary>Still intercepted, but the measures, the agency's fields or the court's permissions for necessary travel changed.</summary>
    Changed,
    /// <summary>No longer intercepted by any of this agency's measures: stop intercepting.</summary>
    Removed,
}

public sealed record AgencyChange(long Position, AgencyChangeType Type, AgencyEntry Entry);

/// <summary>A page of an agency's changes. <see cref="Next"/> is the position to ask after next time; it moves
/// past changes that concern other agencies too.</summary>
public sealed record AgencyChangePage(IReadOnlyList<AgencyChange> Changes, long Next);
