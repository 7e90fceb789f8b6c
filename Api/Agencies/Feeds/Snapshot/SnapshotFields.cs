using System.Text.Json;
using Credit.Api.Agencies.Access;
using Credit.Api.Agencies.Catalogue;
using Credit.Grains.Interfaces.Agencies;

namespace Credit.Api.Agencies.Feeds.Snapshot;

/// <summary>The fields an agency receives, asked once per snapshot instead of once per row.</summary>
public sealed class SnapshotFields(AgencyScope scope)
{
    private static readonly JsonEncodedText DishonestListing = JsonEncodedText.Encode(nameof(InterceptionTriggers.DishonestListing));
    private static readonly JsonEncodedText ConsumptionRestriction = JsonEncodedText.Encode(nameof(InterceptionTriggers.ConsumptionRestriction));
    private static readonly JsonEncodedText ExitBan = JsonEncodedText.Encode(nameof(InterceptionTriggers.ExitBan));

    public bool Name { get; } = scope.Receives(AgencyField.Name);
    public bool SexAndBirthDate { get; } = scope.Receives(AgencyField.SexAndBirthDate);
    public bool CourtAndCase { get; } = scope.Receives(AgencyField.CourtAndCase);
    public bool Period { get; } = scope.Receives(AgencyField.Period);
    public bool AmountOwed { get; } = scope.Receives(AgencyField.AmountOwed);
    public bool LegalRepresentative { get; } = scope.Receives(AgencyField.LegalRepresentative);

    /// <summary>The hold's kind as <see cref="AgencyHold.Kind"/> names it; a stored hold has exactly one trigger.</summary>
    public static JsonEncodedText KindOf(InterceptionTriggers trigger) => trigger switch
    {
        InterceptionTriggers.DishonestListing => DishonestListing,
        InterceptionTriggers.ConsumptionRestriction => ConsumptionRestriction,
        InterceptionTriggers.ExitBan => ExitBan,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "a stored hold has exactly one trigger"),
    };
}
