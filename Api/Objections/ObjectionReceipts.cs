using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Credit.Api.Subjects;
using Credit.Grains.Interfaces.Time;

namespace Credit.Api.Objections;

/// <summary>Receipt numbers: the year of filing and 12 random characters (60 bits) in groups, e.g. 2026-7K3M-QX9T-B2HD. Holding
/// one is what lets the applicant follow the objection, so it cannot be guessed or counted through.</summary>
public static class ObjectionReceipts
{
    // Crockford's alphabet: no I, L, O, U, so a receipt read out over the telephone is not misheard.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(TimeProvider clock)
    {
        Span<char> random = stackalloc char[12];
        for (var i = 0; i < random.Length; i++)
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return $"{clock.Today().Year:0000}-{random[..4]}-{random[4..8]}-{random[8..]}";
    }

    /// <summary>The receipt in its one written form (upper case), or a problem naming <c>receipt</c>.</summary>
    public static bool TryRead(string? text, RequestErrors errors, [NotNullWhen(true)] out string? receipt)
    {
        receipt = text?.Trim().ToUpperInvariant();
        if (receipt is { Length: 19 } && receipt[4] == '-' && receipt[9] == '-' && receipt[14] == '-'
            && receipt[..4].All(char.IsAsciiDigit)
            && receipt[5..].Where((_, i) => i % 5 != 4).All(c => Alphabet.Contains(c)))
            return true;
        errors.Add("receipt", "must be a receipt number as the filing answered it, e.g. 2026-7K3M-QX9T-B2HD");
        receipt = null;
        return false;
    }

    public static string GrainKey(string receipt) => $"objection:{receipt}";
}
