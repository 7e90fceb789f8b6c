using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Credit.Api.OpenApi;
using Credit.ReadModels.Interceptions;

namespace Credit.Api.Agencies.Checks;

/// <summary>Up to 10,000 ID numbers: 18-character resident IDs or credit codes, or subject keys such
/// as <c>pp:E12345678</c> for passports and permits.</summary>
/// <param name="Ids">1 to 10,000 IDs, answered in this order.</param>
public sealed record CheckBatchRequest([property: Required, Example(new[] { "11010519491231002X", "91440101MA5CXXXX1B" })] IReadOnlyList<string?>? Ids);

/// <summary>The answer of a check for one ID.</summary>
public enum CheckStatus
{
    /// <summary>At least one of the agency's measures applies: intercept.</summary>
    Hit,
    /// <summary>None of the agency's measures applies.</summary>
    Clear,
    /// <summary>Not a valid ID; the reason says why.</summary>
    Invalid,
    /// <summary>The subject is not in the calling unit's area (a district's street offices checking someone registered in
    /// another district): the unit does not act on it, and hears nothing of whether it is held elsewhere.</summary>
    OutsideArea,
}

/// <summary>The answer for one ID. A hit names each measure with the court and case answerable for it.</summary>
public sealed record CheckResult(string? Id, CheckStatus Status, string? Reason, IReadOnlyList<CheckHit> Hits);

/// <summary>One measure that intercepts the subject, with the court and case answerable for it.</summary>
/// <param name="Permission">The court's permission for necessary travel that lets the subject through this measure today
/// (consumption rules Art. 8); the subject is still restricted, and a report of letting them through names it.</param>
public sealed record CheckHit(
    string Measure, string Court, string CaseNumber, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HoldPermission? Permission);

/// <summary>The answers in request order, as of a change-log position.</summary>
public sealed record CheckBatchResult(long Position, IReadOnlyList<CheckResult> Results);
