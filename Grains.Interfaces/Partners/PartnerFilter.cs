namespace Credit.Grains.Interfaces.Partners;

/// <summary>Which listings a partner (or one of its webhook subscriptions) receives. Every rule given must hold.</summary>
/// <param name="Regions">Region-code prefixes (GB/T 2260: 2, 4 or 6 digits); empty for everywhere. A listing lies in them by
/// its residence's district when a court recorded one, else by the region its subject's document names.</param>
/// <param name="Geofence">Only listings whose residence, on the 0.01° grid the partners get it on, lies inside this circle (a
/// listing without a residence lies in no geofence).</param>
/// <param name="MinimumAmountOwed">Only debts of at least this many yuan.</param>
/// <param name="PersonsOnly">Only natural persons, no entities.</param>
/// <param name="PhoneRequired">Only subjects with a phone number recorded (a telecom operator can do nothing with the rest).</param>
public sealed record PartnerFilter(IReadOnlyList<string> Regions, Geofence? Geofence, decimal MinimumAmountOwed, bool PersonsOnly, bool PhoneRequired = false)
{
    public static readonly PartnerFilter Everything = new([], null, 0, false);

    /// <summary>Whether the listing is this filter's. A listing no longer in force is judged on the traces of its records
    /// (<see cref="PartnerListing.WithoutRecords"/>), so its removal reaches whoever was given it through them.</summary>
    public bool Admits(PartnerListing listing)
    {
        var residence = listing.Residence ?? listing.Traces?.Residence;
        var hasPhones = listing.Phones.Count > 0 || listing.Traces is { HadPhones: true };
        if (listing.AmountOwed < MinimumAmountOwed || (PersonsOnly && listing.IsEntity) || (PhoneRequired && !hasPhones))
            return false;
        if (Regions.Count > 0)
        {
            var region = residence?.RegionCode ?? listing.Region;
            if (region is null || !Regions.Any(r => region.StartsWith(r, StringComparison.Ordinal)))
                return false;
        }
        return Geofence is not { } fence || (residence is { } home && fence.Contains(home.Latitude, home.Longitude));
    }
}

/// <summary>A circle on the earth's surface.</summary>
/// <param name="RadiusKm">0.1 to 500 km.</param>
public sealed record Geofence(double Latitude, double Longitude, double RadiusKm)
{
    public bool Contains(double latitude, double longitude) => GreatCircle.Kilometres(Latitude, Longitude, latitude, longitude) <= RadiusKm;
}

/// <summary>Distances along the earth's surface, on a sphere of the mean radius (the haversine formula; PostgreSQL's
/// earthdistance module measures on the same sphere, so a listing in a geofence here is in the same circle there).</summary>
public static class GreatCircle
{
    /// <summary>earthdistance's earth(): 6378168 m.</summary>
    public const double EarthRadiusKm = 6378.168;

    public static double Kilometres(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
