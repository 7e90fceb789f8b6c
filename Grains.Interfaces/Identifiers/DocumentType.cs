namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>The document that identifies a subject. Each has its own grain-key prefix; none of the
/// prefixes is a hexadecimal digit followed by hex, which avoids Orleans issue #9706.</summary>
public enum DocumentType
{
    /// <summary>居民身份证: a natural person, 18-character resident ID (GB 11643-1999).</summary>
    ResidentId,
    /// <summary>统一社会信用代码: an entity (company or other organisation), GB 32100-2015.</summary>
    CreditCode,
    /// <summary>护照: a foreign or Chinese passport, for persons without a resident ID.</summary>
    Passport,
    /// <summary>港澳居民来往内地通行证.</summary>
    HongKongMacaoPermit,
    /// <summary>台湾居民来往大陆通行证.</summary>
    TaiwanPermit,
}

public static class DocumentTypes
{
    public static bool IsEntity(this DocumentType type) => type == DocumentType.CreditCode;

    /// <summary>The grain-key prefix, also the short form used in URLs.</summary>
    public static string Prefix(this DocumentType type) => type switch
    {
        DocumentType.ResidentId => "p",
        DocumentType.CreditCode => "e",
        DocumentType.Passport => "pp",
        DocumentType.HongKongMacaoPermit => "hm",
        DocumentType.TaiwanPermit => "tw",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The slug used in routes, e.g. <c>/subjects/resident-id/11010519491231002X</c>.</summary>
    public static string Slug(this DocumentType type) => type switch
    {
        DocumentType.ResidentId => "resident-id",
        DocumentType.CreditCode => "credit-code",
        DocumentType.Passport => "passport",
        DocumentType.HongKongMacaoPermit => "hk-macao-permit",
        DocumentType.TaiwanPermit => "taiwan-permit",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static readonly IReadOnlyList<DocumentType> All = Enum.GetValues<DocumentType>();

    public static bool TryParseSlug(string? slug, out DocumentType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Slug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    public static bool TryParsePrefix(string? prefix, out DocumentType type)
    {
        foreach (var candidate in All)
        {
            if (candidate.Prefix() == prefix)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
