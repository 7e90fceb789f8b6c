using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

    /// <summary>The number as the public may see it, the national site's masking: a resident ID hides the birth month and
    /// day (<see cref="Identifiers.ResidentId.Masked"/>); other documents hide all but the first two and last two
    /// characters; credit codes are public.</summary>
    public string Masked => Type switch
    {
        DocumentType.ResidentId => ResidentId!.Value.Masked,
        DocumentType.CreditCode => Number,
        _ => string.Concat(Number.AsSpan(0, 2), new string('*', Number.Length - 4), Number.AsSpan(Number.Length - 2)),
    };

    /// <summary>Validates <paramref name="number"/> for its document type and normalises it
    /// (trimmed, upper case). Passports and permits: 5–20 letters and digits, and not a valid resident ID: a person who
    /// has one is matched by it (agencies check by resident ID, passports are linked to it since 2016), so a resident ID
    /// entered as a passport would make the debtor invisible to every agency's check.</summary>
    public static bool TryCreate(DocumentType type, string? number, out SubjectId id, out string error, bool allowCreditCodeCheckMismatch = false)
    {
        if (!TryCreateStored(type, number, out id, out error, allowCreditCodeCheckMismatch))
            return false;
        if (type is DocumentType.ResidentId or DocumentType.CreditCode || !IsLaidOutAsResidentId(id.Number))
            return true;
        id = default;
        error = "is laid out as a resident ID (region, birth date, sequence); a person who has one is identified by it (document type resident-id), " +
            "not by a passport or permit number";
        return false;
    }

    /// <summary>An 18-character number that would be a resident ID with its check character right (a typing error in it
    /// included), or a 15-digit one of the numbers issued before 1999, which an 18-character one replaced.</summary>
    private static bool IsLaidOutAsResidentId(string number)
    {
        var first17 = number.Length switch
        {
            18 => number[..17],
            15 => string.Concat(number.AsSpan(0, 6), "19", number.AsSpan(6, 9)),
            _ => null,
        };
        return first17 is not null && first17.All(char.IsAsciiDigit)
            && Identifiers.ResidentId.TryParse(first17 + Identifiers.ResidentId.CheckCharacterFor(first17), out _, out _);
    }

    /// <summary>The rules a stored key met when it was made; subjects entered before a rule was added still load.</summary>
    private static bool TryCreateStored(DocumentType type, string? number, out SubjectId id, out string error, bool allowCreditCodeCheckMismatch)
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
        return TryCreateStored(type, s[(colon + 1)..], out result, out _, allowCreditCodeCheckMismatch: true);
    }

    public static SubjectId Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var id) ? id : throw new FormatException($"'{s}' is not a subject key.");

    /// <summary>The subject of an ID as agencies send it, in checks and hit reports. Resident IDs are matched by
    /// number (passports are linked to it since 2016). A number failing its check character is refused rather than read
    /// as another subject: a typing error must not read as "not restricted". That holds even when the mistyped number
    /// passes as an all-digit credit code, which is why a text shaped like a resident ID is only ever read as one. A
    /// resident ID whose birth date is after <paramref name="today"/> (China time) is refused too: nobody holds it yet, so
    /// it is a typing error, and a court could not have listed it (Art. 4).</summary>
    /// <param name="reason">Why the text names no subject, as the rule it breaks; empty when it does.</param>
    public static bool TryParseFromAgency(string? id, DateOnly today, out SubjectId subject, out string reason)
    {
        subject = default;
        reason = "";
        var text = id is null ? "" : TypedIdText.Plain(id);
        if (text.Length is 0 or > 40)
        {
            reason = "must be an 18-character resident ID or credit code, or a subject key such as pp:E12345678";
            return false;
        }
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (TryParse(text, null, out var keyed))
            {
                if (keyed.ResidentId is { } resident && BornAfter(resident, today, out reason))
                    return false;
                subject = keyed;
                return true;
            }
            reason = "is not a valid subject key (p:, e:, pp:, hm: or tw: and a valid number)";
            return false;
        }
        if (Identifiers.ResidentId.TryParse(text, out var person, out var residentError))
        {
            if (BornAfter(person, today, out reason))
                return false;
            subject = For(person);
            return true;
        }
        if (Identifiers.ResidentId.HasTheShapeOf(text))
        {
            reason = $"is not a valid resident ID: {residentError} (a credit code of this shape is sent as its subject key, e:{text})";
            return false;
        }
        if (CreditCode.TryParse(text, out var code, out _))
        {
            subject = For(code);
            return true;
        }
        reason = $"is neither a resident ID ({residentError}) nor a credit code";
        return false;
    }

    private static bool BornAfter(Identifiers.ResidentId id, DateOnly today, out string reason)
    {
        reason = id.BirthDate > today ? $"is not a valid resident ID: its birth date {id.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future" : "";
        return reason.Length > 0;
    }

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex TravelDocumentNumber();
}
