using System.Security.Cryptography;
using Credit.Api.Subjects;

namespace Credit.Api.Objections;

/// <summary>The applicant's code (申请人校验码): 8 random characters (40 bits) of the receipt's alphabet, answered once with the
/// receipt. The receipt is read by the courts (their queue), so the applicant's own requests need a secret that only the
/// applicant was given.</summary>
public static class ObjectionApplicantCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int Length = 8;

    public static string New()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < code.Length; i++)
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(code);
    }

    /// <summary>The code in its one written form (upper case, spaces and hyphens dropped); null when left out; a malformed one is
    /// named in <paramref name="errors"/>.</summary>
    public static string? Read(string? text, RequestErrors errors)
    {
        if (text is null)
            return null;
        var code = new string([.. text.ToUpperInvariant().Where(c => c is not (' ' or '-' or '\u3000'))]);
        if (code.Length == Length && code.All(c => Alphabet.Contains(c)))
            return code;
        errors.Add("applicantCode", "must be the 8-character applicant code (申请人校验码) the filing answered, e.g. 7K3MQX9T");
        return null;
    }
}
