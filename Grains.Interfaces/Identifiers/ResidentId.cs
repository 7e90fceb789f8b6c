using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Credit.Grains.Interfaces.Identifiers;

/// <summary>An 18-character resident identity number (GB 11643-1999): region, birth date, sequence,
/// check character. Sex and birth date are read from the number itself.</summary>
[GenerateSerializer, Immutable, Alias("credit.ResidentId")]
[JsonConverter(typeof(ParsableJsonConverter<ResidentId>))]
public readonly record struct ResidentId : IParsable<ResidentId>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    [Id(0)] public string Value { get; }

    private ResidentId(string value) => Value = value;

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Odd sequence digit (the 17th character) is male, even is female.</summary>
    public Sex Sex => (Value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    public int AgeOn(DateOnly date) => BirthDate.YearsUntil(date);

    /// <summary>The national site's masking: birth month and day (characters 11–14) hidden.</summary>
    public string Masked => string.Concat(Value.AsSpan(0, 10), "****", Value.AsSpan(14));

    public static bool TryParse([NotNullWhen(true)] string? text, out ResidentId id, out string error)
    {
        id = default;
        var value = text?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 18)
        {
            error = "must be 18 characters";
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                error = "the first 17 characters must be digits";
                return false;
            }
        }
        if (!TryBirthDate(value, out var birth))
        {
            error = "characters 7–14 must be a real birth date (YYYYMMDD)";
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (value[i] - '0') * Weights[i];
        if (value[17] != CheckCharacters[sum % 11])
        {
            error = "the check character does not match (GB 11643-1999)";
            return false;
        }
        id = new ResidentId(value);
        error = "";
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is laid out as a resident ID, whatever its check character says: 17 digits
    /// with a real birth date in characters 7–14, then a digit or X. Such a text that fails its check is a mistyped
    /// resident ID, even when it happens to pass as a credit code (an all-digit one can, about one time in 300).</summary>
    public static bool HasTheShapeOf(string? text)
    {
        var value = text?.Trim() ?? "";
        return value.Length == 18 && value.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0
            && (char.IsAsciiDigit(value[17]) || value[17] is 'X' or 'x') && TryBirthDate(value, out _);
    }

    private static bool TryBirthDate(string value, out DateOnly birth) =>
        DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birth) && birth.Year >= 1900;

    /// <summary>The check character for 17 leading digits; lets tests and tools build valid numbers.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ResidentId result) =>
        TryParse(s, out result, out _);

    public static ResidentId Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var id, out var error) ? id : throw new FormatException($"Resident ID {error}.");

    public override string ToString() => Value ?? "";
}
