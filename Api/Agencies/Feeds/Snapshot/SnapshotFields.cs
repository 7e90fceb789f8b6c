using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>The fields an agency receives, asked once per snapshot instead of once per row.</summary>
public sealed class SnapshotFields(AgencyScope scope)
{
    private static readonly JsonEncodedText[] Kinds =
        [.. Enumerable.Range(0, (int)InterceptionTriggers.Any + 1).Select(t => JsonEncodedText.Encode(AgencyView.KindOf((InterceptionTriggers)t)))];

    public bool Name { get; } = scope.Receives(AgencyField.Name);
    public bool SexAndBirthDate { get; } = scope.Receives(AgencyField.SexAndBirthDate);
    public bool CourtAndCase { get; } = scope.Receives(AgencyField.CourtAndCase);
    public bool Period { get; } = scope.Receives(AgencyField.Period);
    public bool AmountOwed { get; } = scope.Receives(AgencyField.AmountOwed);
    public bool LegalRepresentative { get; } = scope.Receives(AgencyField.LegalRepresentative);

    /// <summary>The hold's kind as <see cref="AgencyView.KindOf"/> names it, encoded once.</summary>
    public static JsonEncodedText KindOf(InterceptionTriggers trigger) => Kinds[(int)(trigger & InterceptionTriggers.Any)];
}
