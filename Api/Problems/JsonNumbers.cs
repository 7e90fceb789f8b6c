using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Credit.Api.Problems;

/// <summary>What the readers of a request's numbers share: the rule for a value that is no number, and the decimal places of a
/// number as it is written, which the reader of a decimal or a whole number would otherwise round away unseen.</summary>
public static class JsonNumbers
{
    /// <summary>The rule for a token where a number belongs, fitted to the token: a string of digits is not a number (README,
    /// "API overview"), nor is true or an object.</summary>
    public static string NotANumber(JsonTokenType token) => token switch
    {
        JsonTokenType.String => BadRequestExceptionHandler.NumberRule,
        JsonTokenType.True or JsonTokenType.False => "must be a JSON number (250000), not true or false",
        JsonTokenType.StartObject => "must be a JSON number (250000), not an object",
        JsonTokenType.StartArray => "must be a JSON number (250000), not an array",
        _ => "must be a JSON number (250000)",
    };

    /// <summary>The decimal places of the number the reader stands on, as written and without trailing zeros: 250000.10 has 1,
    /// 2.5E-3 has 4, 1.5E3 and 1.0 have none, 1e-400 has 400.</summary>
    public static long PlacesWritten(ref Utf8JsonReader reader)
    {
        var number = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        var e = number.IndexOfAny((byte)'e', (byte)'E');
        long exponent = 0;
        if (e >= 0 && !Utf8Parser.TryParse(number[(e + 1)..], out exponent, out _))
            exponent = number[e + 1] == (byte)'-' ? long.MinValue / 2 : long.MaxValue / 2; // beyond any decimal's reach
        var mantissa = e < 0 ? number : number[..e];
        var point = mantissa.IndexOf((byte)'.');
        var fraction = point < 0 ? ReadOnlySpan<byte>.Empty : mantissa[(point + 1)..];
        var significant = fraction.TrimEnd((byte)'0');
        if (significant.IsEmpty)
        {
            // The fraction is all zeros: the places come from the integer part's last non-zero digit and the exponent.
            var integer = (point < 0 ? mantissa : mantissa[..point]).TrimStart((byte)'-');
            var trimmed = integer.TrimEnd((byte)'0');
            return trimmed.IsEmpty ? 0 : Math.Max(0, -(exponent + (integer.Length - trimmed.Length)));
        }
        return Math.Max(0, significant.Length - exponent);
    }
}
