using Credit.ReadModels.Interceptions;


namespace Credit.Api.Agencies.Catalogue;

/// <summary>A category of joint-punishment measures (the city's 13 categories).</summary>
public sealed record MeasureCategory(string Code, string TitleZh, string TitleEn);

/// <summary>One punishment measure that an agency enforces, and the subject state that triggers it.</summary>
public sealed record Measure(string Code, string Category, string TitleZh, string TitleEn, string LegalBasis, MeasureTrigger Trigger);

/// <summary>A joint-punishment agency: the measures it enforces and the fields it may receive. An agency with units (the
/// street offices of each district) serves each unit only its own area, never the whole city: every key of such an agency
/// belongs to one unit.</summary>
public sealed record Agency(string Code, string NameZh, string NameEn, IReadOnlyList<string> Measures, IReadOnlyList<AgencyField> Fields,
    IReadOnlyList<AgencyUnit> Units);

/// <summary>A part of an agency that receives only the subjects of its area.</summary>
/// <param name="Regions">Region-code prefixes of the area (GB/T 2260: 2, 4 or 6 digits, e.g. 440103 for 荔湾区), including
/// the codes of districts since merged into it, which older resident IDs still carry.</param>
public sealed record AgencyUnit(string Code, string NameZh, string NameEn, IReadOnlyList<string> Regions);

/// <summary>Which state of a subject a measure follows.</summary>
public enum MeasureTrigger
{
    /// <summary>The subject is on the dishonest-debtor list.</summary>
    DishonestListing,
    /// <summary>The subject is consumption-restricted (every listed debtor is, consumption rules Art. 1).</summary>
    ConsumptionRestriction,
    /// <summary>The subject may not leave the country.</summary>
    ExitBan,
    /// <summary>Any of the three.</summary>
    Any,
}

/// <summary>Fields an agency may receive beyond the document type, ID number and its intercepting measures,
/// which every agency receives (data minimisation: a railway needs no debt amount).</summary>
public enum AgencyField
{
    /// <summary>姓名/名称.</summary>
    Name,
    /// <summary>性别 and 出生日期 (from the ID, or as the court stated them).</summary>
    SexAndBirthDate,
    /// <summary>执行法院 and 案号 of each hold.</summary>
    CourtAndCase,
    /// <summary>The first and last day of each hold.</summary>
    Period,
    /// <summary>The amount still owed on the listing.</summary>
    AmountOwed,
    /// <summary>An entity's legal representative, or the entity a restricted representative answers for.</summary>
    LegalRepresentative,
}

public static class MeasureTriggers
{
    public static InterceptionTriggers Flags(this MeasureTrigger trigger) => trigger switch
    {
        MeasureTrigger.DishonestListing => InterceptionTriggers.DishonestListing,
        MeasureTrigger.ConsumptionRestriction => InterceptionTriggers.ConsumptionRestriction,
        MeasureTrigger.ExitBan => InterceptionTriggers.ExitBan,
        _ => InterceptionTriggers.Any,
    };
}
