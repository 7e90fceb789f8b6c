using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>Who a subject is: the document type and its normalised number. Its string form
/// (<c>p:11010519491231002X</c>, <c>e:91440101…</c>) is the subject grain's key.</summary>
[GenerateSerializer, Immutable, Alias("credit.SubjectId")]
[JsonConverter(typeof(ParsableJsonConverter<SubjectId>))]
public readonly partial record struct SubjectId : IParsable<SubjectId>
{
    [Id(0)] public DocumentType Type { get; }
    [Id(1)] public string Number { get; }

    private SubjectId(DocumentType type, string number)
    {
        Type = type;
        Number = number;
    }

    public bool IsEntity => Type.IsEntity();

    public static SubjectId For(ResidentId id) => new(DocumentType.ResidentId, id.Value);

    public static SubjectId For(CreditCode code) => new(DocumentType.CreditCode, code.Value);

    public ResidentId? ResidentId => Type == DocumentType.ResidentId ? Identifiers.ResidentId.Parse(Number) : null;

    /// <summary>Validates <paramref name="number"/> for its document type and normalises it
    /// (trimmed, upper case). Passports and permits: 5–20 letters and digits.</summary>
    public static bool TryCreate(DocumentType type, string? number, out SubjectId id, out string error, bool allowCreditCodeCheckMismatch = false)
    {
        id = default;
        switch (type)
        {
            case DocumentType.ResidentId:
                if (!Identifiers.ResidentId.TryParse(number, out var resident, out error))
                    return false;
                id = For(resident);
                return true;
            case DocumentType.CreditCode:
                if (!CreditCode.TryParse(number, out var code, out error, allowCreditCodeCheckMismatch))
                    return false;
                id = For(code);
                return true;
            default:
                var value = number?.Trim().ToUpperInvariant() ?? "";
                if (!TravelDocumentNumber().IsMatch(value))
                {
                    error = "must be 5–20 letters A–Z and digits";
                    return false;
                }
                id = new SubjectId(type, value);
                error = "";
                return true;
        }
    }

    public string Key => $"{Type.Prefix()}:{Number}";

    public override string ToString() => Key;

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SubjectId result)
    {
        result = default;
        var colon = s?.IndexOf(':') ?? -1;
        if (colon < 0 || !DocumentTypes.TryParsePrefix(s![..colon], out var type))
            return false;
        // Keys come from our own storage; a court-confirmed credit code may fail its check character.
        return TryCreate(type, s[(colon + 1)..], out result, out _, allowCreditCodeCheckMismatch: true);
    }

    public static SubjectId Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var id) ? id : throw new FormatException($"'{s}' is not a subject key.");

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex TravelDocumentNumber();
}
