using Credit.Api.OpenApi;

namespace Credit.Api.Partners.Catalogue;

/// <summary>Which listings to receive: every rule given must hold (a subscription's filter narrows its partner's, never
/// widens it).</summary>
/// <param name="Regions">Region-code prefixes (GB/T 2260: 2, 4 or 6 digits); empty or left out for everywhere. A listing lies
/// in them by its recorded residence's district, else by the region its subject's document names.</param>
/// <param name="Geofence">Only listings whose residence, on the 0.01° grid (about 1 km) the partners receive it on, lies inside
/// this circle.</param>
/// <param name="MinimumAmountOwed">Only debts of at least this many yuan.</param>
/// <param name="PersonsOnly">Only natural persons, no entities.</param>
/// <param name="PhoneRequired">Only subjects with a phone number recorded.</param>
public sealed record PartnerFilterRequest(
    [property: Example(new[] { "440103" })] List<string?>? Regions,
    GeofenceRequest? Geofence,
    [property: Example(10000)] decimal? MinimumAmountOwed,
    [property: Example(true)] bool? PersonsOnly,
    [property: Example(false)] bool? PhoneRequired);

/// <summary>A circle on the earth's surface (WGS 84).</summary>
/// <param name="Latitude">−90 to 90 degrees.</param>
/// <param name="Longitude">−180 to 180 degrees.</param>
/// <param name="RadiusKm">0.1 to 500 km.</param>
public sealed record GeofenceRequest(
    [property: Example(23.1291)] double? Latitude,
    [property: Example(113.2644)] double? Longitude,
    [property: Example(20)] double? RadiusKm);
