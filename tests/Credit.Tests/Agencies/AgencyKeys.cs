namespace Credit.Tests.Agencies;

/// <summary>The demo agency keys that the platform seeds, with what each agency's measures follow.</summary>
public static class AgencyKeys
{
    /// <summary>Railway: consumption measure C01 (consumption-restricted subjects); receives the name, court and case.</summary>
    public const string Railway = "demo-railway";

    /// <summary>Border inspection: exit ban X01; receives name, sex and birth date, court and case, period.</summary>
    public const string Border = "demo-border-inspection";

    /// <summary>Planning and land: L01 and L03 (dishonest listing); receives the name, court and case and the legal representative.</summary>
    public const string PlanningLand = "demo-planning-land";

    /// <summary>Liwan's street offices, a unit of street-offices: O01 (dishonest listing), posted in the community, for the
    /// subjects of regions 440103 and 440107 only; receives the fields of a posting, the amount owed among them.</summary>
    public const string LiwanStreetOffices = "demo-liwan-street-offices";

    public static string Path(string agency, string rest = "") => $"/api/v1/agencies/{agency}{rest}";
}
