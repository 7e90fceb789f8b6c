using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An 18-character unified social credit code (GB 32100-2015).</summary>
[GenerateSerializer, Immutable, Alias("credit.CreditCode")]
[JsonConverter(typeof(ParsableJsonConverter<CreditCode>))]
public readonly record struct CreditCode : IParsable<CreditCode>
{
    // GB 32100-2015 leaves out I, O, S, V and Z; each character's value is its index (0–30).
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    [Id(0)] public string Value { get; }

    private CreditCode(string value) => Value = value;

    /// <summary>Parses and checks a code. <paramref name="allowCheckMismatch"/> is the court-confirmed
    /// override for the few real codes whose check character is wrong.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CreditCode code, out string error, bool allowCheckMismatch = false)
    {
        code = default;
        var value = text?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 18)
        {
            error = "must be 18 characters";
            return false;
        }
        foreach (var c in value)
        {
            if (Alphabet.IndexOf(c) < 0)
            {
                error = "may contain only digits and the letters A–Y without I, O, S, V, Z";
                return false;
            }
        }
        if (!allowCheckMismatch && value[17] != CheckCharacterFor(value.AsSpan(0, 17)))
        {
            error = "the check character does not match (GB 32100-2015)";
            return false;
        }
        code = new CreditCode(value);
        error = "";
        return true;
    }

    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    // Stored codes were validated (or court-confirmed) when they entered, so reading them back does not re-check.
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out CreditCode result) =>
        TryParse(s, out result, out _, allowCheckMismatch: true);

    public static CreditCode Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var code, out var error) ? code : throw new FormatException($"Credit code {error}.");

    public override string ToString() => Value ?? "";
}
