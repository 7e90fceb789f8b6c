namespace Credit.Tests.Agencies;

/// <summary>The demo agency keys that the platform seeds, with what each agency's measures follow.</summary>
public static class AgencyKeys
{
    /// <summary>Railway: consumption measures C01 and C09 (consumption-restricted subjects); receives the name only.</summary>
    public const string Railway = "demo-railway";

    /// <summary>Border inspection: exit ban X01; receives name, sex and birth date, court and case, period.</summary>
    public const string Border = "demo-border-inspection";

    /// <summary>Planning and land: L01 (dishonest listing); receives court and case and the amount owed.</summary>
    public const string PlanningLand = "demo-planning-land";

    public static string Path(string agency, string rest = "") => $"/api/v1/agencies/{agency}{rest}";
}
